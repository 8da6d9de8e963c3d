package health.sihha.hie.interceptors.ledger.merkle;

import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.Sha256;
import java.security.MessageDigest;

/** The hashes of RFC 9162 section 2.1.1 (the same as RFC 6962): SHA-256 with domain separation of leaves and nodes. */
public final class TreeHasher {

  /** MTH({}) = SHA-256(), the root of the empty tree. */
  public static final Hash EMPTY_ROOT = Sha256.of();

  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);
  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private TreeHasher() {}

  /** MTH({d0}) = SHA-256(0x00 ‖ d0): the hash of leaf input {@code entry}. */
  public static Hash leafHash(byte[] entry) {
    MessageDigest digest = DIGEST.get();
    digest.update(LEAF_PREFIX);
    digest.update(entry);
    return new Hash(digest.digest());
  }

  /** SHA-256(0x01 ‖ left ‖ right): the hash of an inner node. */
  public static Hash nodeHash(Hash left, Hash right) {
    byte[] input = new byte[1 + 2 * Hash.LENGTH];
    input[0] = NODE_PREFIX;
    left.copyTo(input, 1);
    right.copyTo(input, 1 + Hash.LENGTH);
    MessageDigest digest = DIGEST.get();
    return new Hash(digest.digest(input));
  }
}
