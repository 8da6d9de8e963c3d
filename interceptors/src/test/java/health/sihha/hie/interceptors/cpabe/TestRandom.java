package health.sihha.hie.interceptors.cpabe;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;

/**
 * A deterministic {@link SecureRandom} for tests only (known-answer tests, reproducible failures): SHA-256 in counter
 * mode over a seed string. Never use it outside tests.
 */
public final class TestRandom extends SecureRandom {

  private TestRandom(String seed) {
    super(new Spi(seed), null);
  }

  /** A generator whose output depends only on {@code seed}. */
  public static SecureRandom seeded(String seed) {
    return new TestRandom(seed);
  }

  private static final class Spi extends SecureRandomSpi {

    private final byte[] seed;
    private final byte[] block = new byte[32];
    private long counter;
    private int used = block.length;

    Spi(String seed) {
      this.seed = seed.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected void engineSetSeed(byte[] ignored) {
      // deterministic on purpose: extra seed material is ignored
    }

    @Override
    protected synchronized void engineNextBytes(byte[] bytes) {
      for (int i = 0; i < bytes.length; i++) {
        if (used == block.length) {
          refill();
        }
        bytes[i] = block[used++];
      }
    }

    @Override
    protected byte[] engineGenerateSeed(int length) {
      byte[] bytes = new byte[length];
      engineNextBytes(bytes);
      return bytes;
    }

    private void refill() {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(seed);
        for (int shift = 56; shift >= 0; shift -= 8) {
          sha.update((byte) (counter >>> shift));
        }
        counter++;
        System.arraycopy(sha.digest(), 0, block, 0, block.length);
        used = 0;
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
