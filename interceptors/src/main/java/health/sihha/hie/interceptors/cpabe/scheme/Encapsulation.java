package health.sihha.hie.interceptors.cpabe.scheme;

import java.util.Arrays;
import javax.security.auth.Destroyable;

/** A fresh ciphertext header and the secret it encapsulates, {@code e(g,h)^(alpha s)} as 576 bytes. */
public final class Encapsulation implements Destroyable {

  private final AbeHeader header;
  private final byte[] secret;
  private volatile boolean destroyed;

  Encapsulation(AbeHeader header, byte[] secret) {
    this.header = header;
    this.secret = secret;
  }

  public AbeHeader header() {
    return header;
  }

  /** The encapsulated GT element's bytes, not a copy: feed it to a KDF, then {@link #destroy()}. */
  public byte[] secret() {
    if (destroyed) {
      throw new IllegalStateException("the encapsulated secret has been destroyed");
    }
    return secret;
  }

  @Override
  public void destroy() {
    destroyed = true;
    Arrays.fill(secret, (byte) 0);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }
}
