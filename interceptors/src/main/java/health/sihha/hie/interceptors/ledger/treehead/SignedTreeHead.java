package health.sihha.hie.interceptors.ledger.treehead;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.Hash;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A ledger node's signed statement that its log had {@code treeSize} entries with root {@code rootHash} at
 * {@code timestamp}. The Ed25519 signature covers {@link #signedData(String, long, Hash, Instant)}, a fixed binary
 * encoding described in {@code interceptors/LEDGER.md}.
 *
 * @param nodeId the node, 1-128 of {@code A-Z a-z 0-9 . _ : -}, e.g. {@code provider-a}
 * @param treeSize the number of entries
 * @param rootHash MTH of the entries
 * @param timestamp when it was signed, to the millisecond
 * @param signature the 64-byte Ed25519 signature
 */
public record SignedTreeHead(String nodeId, long treeSize, Hash rootHash, Instant timestamp, byte[] signature) {

  /** The domain separation prefix of the signed data, so that no other message of the node can pass for one. */
  public static final String CONTEXT = "SIHHA-LEDGER-STH";

  /** The version byte after the prefix. */
  public static final int FORMAT_VERSION = 1;

  /** The length of an Ed25519 signature. */
  public static final int SIGNATURE_LENGTH = 64;

  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");

  public SignedTreeHead {
    checkNodeId(nodeId);
    if (treeSize < 0) {
      throw new InvalidRequestException(Codes.of(1480) + "a tree head has a size of at least 0, not " + treeSize);
    }
    requireNonNull(rootHash);
    timestamp = timestamp.truncatedTo(ChronoUnit.MILLIS);
    requireNonNull(signature);
    if (signature.length != SIGNATURE_LENGTH) {
      throw new InvalidRequestException(
          Codes.of(1480) + "an Ed25519 signature has 64 bytes, not " + signature.length);
    }
    signature = signature.clone();
  }

  static void checkNodeId(String nodeId) {
    if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
      throw new InvalidRequestException(Codes.of(1480) + "invalid ledger node id: " + nodeId);
    }
  }

  /** A copy of the signature. */
  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The signature in standard base64. */
  public String signatureBase64() {
    return Base64.getEncoder().encodeToString(signature);
  }

  /** The bytes the signature covers. */
  public byte[] signedData() {
    return signedData(nodeId, treeSize, rootHash, timestamp);
  }

  /**
   * The signed encoding, big-endian: the 16 ASCII bytes {@value #CONTEXT}, {@code u8} format version (1),
   * {@code u8} length and ASCII bytes of the node id, {@code u64} timestamp in milliseconds since the epoch,
   * {@code u64} tree size, the 32-byte root hash.
   */
  public static byte[] signedData(String nodeId, long treeSize, Hash rootHash, Instant timestamp) {
    checkNodeId(nodeId);
    byte[] context = CONTEXT.getBytes(StandardCharsets.US_ASCII);
    byte[] node = nodeId.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer out = ByteBuffer.allocate(context.length + 2 + node.length + 16 + Hash.LENGTH);
    out.put(context).put((byte) FORMAT_VERSION).put((byte) node.length).put(node);
    out.putLong(timestamp.toEpochMilli()).putLong(treeSize).put(rootHash.bytes());
    return out.array();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignedTreeHead other && nodeId.equals(other.nodeId) && treeSize == other.treeSize
        && rootHash.equals(other.rootHash) && timestamp.equals(other.timestamp)
        && Arrays.equals(signature, other.signature);
  }

  @Override
  public int hashCode() {
    return 31 * rootHash.hashCode() + Long.hashCode(treeSize);
  }

  @Override
  public String toString() {
    return "SignedTreeHead[" + nodeId + ", size " + treeSize + ", root " + rootHash + ", " + timestamp + "]";
  }
}
