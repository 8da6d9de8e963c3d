package health.sihha.hie.interceptors.ledger;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * What the ledger anchors for one resource version or one AuditEvent: its key, its salted canonical hash and when it
 * was written. Only this leaves the node; the resource itself never does.
 *
 * <p>The {@linkplain #encode() binary encoding} is the Merkle leaf input (RFC 9162 {@code entry}): its layout is
 * fixed by format version 1 and described in {@code interceptors/LEDGER.md}. The time is kept to the millisecond, the
 * precision the encoding holds, so that {@code decode(encode(e))} equals {@code e}.
 *
 * @param key the kind, resource type, logical id and version
 * @param hash the salted canonical hash of the resource version (see {@code ledger.canonical.ResourceHasher})
 * @param time when the version was written ({@code meta.lastUpdated}), truncated to milliseconds
 */
public record LedgerEntry(EntryKey key, Hash hash, Instant time) {

  /** The first byte of every encoded entry. */
  public static final int FORMAT_VERSION = 1;

  public LedgerEntry {
    requireNonNull(key);
    requireNonNull(hash);
    time = time.truncatedTo(ChronoUnit.MILLIS);
  }

  /** An entry for {@code kind resourceType/logicalId/_history/versionId}. */
  public static LedgerEntry of(
      EntryKind kind, String resourceType, String logicalId, String versionId, Hash hash, Instant time) {
    return new LedgerEntry(new EntryKey(kind, resourceType, logicalId, versionId), hash, time);
  }

  /** The entry's kind. */
  public EntryKind kind() {
    return key.kind();
  }

  /**
   * The stable binary encoding, big-endian: {@code u8 format version (1) | u8 kind | u8 length, resource type |
   * u8 length, logical id | u8 length, version id | 32 bytes hash | i64 time in ms since the epoch}. The strings
   * are ASCII (their syntax allows nothing else).
   */
  public byte[] encode() {
    byte[] type = key.resourceType().getBytes(StandardCharsets.US_ASCII);
    byte[] id = key.logicalId().getBytes(StandardCharsets.US_ASCII);
    byte[] version = key.versionId().getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(2 + 3 + type.length + id.length + version.length + Hash.LENGTH + 8);
    out.put((byte) FORMAT_VERSION).put((byte) key.kind().code());
    out.put((byte) type.length).put(type);
    out.put((byte) id.length).put(id);
    out.put((byte) version.length).put(version);
    hash.copyTo(out.array(), out.position());
    out.position(out.position() + Hash.LENGTH).putLong(time.toEpochMilli());
    return out.array();
  }

  /** The entry {@code encoded} holds; refuses anything but exactly one well-formed version-1 entry. */
  public static LedgerEntry decode(byte[] encoded) {
    try {
      ByteBuffer in = ByteBuffer.wrap(encoded);
      int format = in.get() & 0xff;
      if (format != FORMAT_VERSION) {
        throw new InvalidRequestException(Codes.of(1465) + "unknown ledger entry format " + format);
      }
      EntryKind kind = EntryKind.ofCode(in.get() & 0xff);
      String type = ascii(in);
      String id = ascii(in);
      String version = ascii(in);
      byte[] hash = new byte[Hash.LENGTH];
      in.get(hash);
      Instant time = Instant.ofEpochMilli(in.getLong());
      if (in.hasRemaining()) {
        throw new InvalidRequestException(Codes.of(1465) + in.remaining() + " bytes after a ledger entry");
      }
      return new LedgerEntry(new EntryKey(kind, type, id, version), new Hash(hash), time);
    } catch (BufferUnderflowException e) {
      throw new InvalidRequestException(Codes.of(1465) + "truncated ledger entry", e);
    }
  }

  private static String ascii(ByteBuffer in) {
    byte[] bytes = new byte[in.get() & 0xff];
    in.get(bytes);
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
