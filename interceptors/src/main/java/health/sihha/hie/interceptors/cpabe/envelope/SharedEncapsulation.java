package health.sihha.hie.interceptors.cpabe.envelope;

import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * One FABEO encapsulation for many envelopes: the ABE header (with setup, policy and epoch) and the key-encryption
 * key derived from its secret. Every envelope sealed with it carries this header and its own data key, wrapped under
 * the key-encryption key with its own context as associated data, so a reader decapsulates the header once for all
 * of them (see {@link Envelopes#openKeyEncryptionKey}). Sharing one costs nothing in access control: the envelopes
 * have the same policy and epoch, so the same keys open them one by one. What it shows is that they were sealed
 * together. Made by {@link Envelopes#encapsulate}; {@link #destroy()} it when no seal uses it any more.
 */
public final class SharedEncapsulation implements Destroyable {

  private final String policy;
  private final long epoch;
  private final byte[] header;
  private final byte[] kek;
  private volatile boolean destroyed;

  SharedEncapsulation(String policy, long epoch, byte[] header, byte[] kek) {
    this.policy = policy;
    this.epoch = epoch;
    this.header = header;
    this.kek = kek;
  }

  /** The policy in canonical form. */
  public String policy() {
    return policy;
  }

  public long epoch() {
    return epoch;
  }

  /** The header bytes every envelope sealed with this encapsulation starts with (a copy). */
  public byte[] header() {
    return header.clone();
  }

  byte[] headerBytes() {
    return header;
  }

  byte[] kek() {
    if (destroyed) {
      throw new IllegalStateException("the shared encapsulation has been destroyed");
    }
    return kek;
  }

  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(kek, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }
}
