package health.sihha.hie.interceptors.ledger;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A SHA-256 digest: exactly 32 bytes, compared by value. The array is copied in and out, so a {@code Hash} never
 * changes.
 *
 * @param bytes the 32 digest bytes
 */
public record Hash(byte[] bytes) {

  /** The length of a SHA-256 digest in bytes. */
  public static final int LENGTH = 32;

  private static final HexFormat HEX = HexFormat.of();

  public Hash {
    requireNonNull(bytes);
    if (bytes.length != LENGTH) {
      throw new InvalidRequestException(Codes.of(1460) + "a SHA-256 hash has 32 bytes, not " + bytes.length);
    }
    bytes = bytes.clone();
  }

  /** A copy of the 32 bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 32 bytes into {@code target} at {@code offset}. */
  public void copyTo(byte[] target, int offset) {
    System.arraycopy(bytes, 0, target, offset, LENGTH);
  }

  /** The hash of 64 lowercase hexadecimal digits. */
  public static Hash fromHex(String hex) {
    try {
      return new Hash(HEX.parseHex(hex));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(Codes.of(1461) + "not a hexadecimal SHA-256 hash: " + hex, e);
    }
  }

  /** The hash in standard base64 (RFC 4648 section 4, with padding). */
  public static Hash fromBase64(String base64) {
    try {
      return new Hash(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(Codes.of(1461) + "not a base64 SHA-256 hash: " + base64, e);
    }
  }

  /** 64 lowercase hexadecimal digits. */
  public String toHex() {
    return HEX.formatHex(bytes);
  }

  /** Standard base64 (RFC 4648 section 4, with padding), as the JSON forms of the ledger use. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Whether this hash equals {@code other} in time independent of where they differ. */
  public boolean constantTimeEquals(Hash other) {
    return MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash other && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
