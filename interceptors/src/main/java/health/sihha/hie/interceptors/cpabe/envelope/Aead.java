package health.sihha.hie.interceptors.cpabe.envelope;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import health.sihha.hie.interceptors.Codes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** The symmetric half of the envelope, from the JDK: HKDF-SHA256 (RFC 5869) and AES-256-GCM with 96-bit nonces. */
final class Aead {

  private static final byte[] KEK_SALT = "sihha-cpabe/v1/kek-salt".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEK_INFO = "sihha-cpabe/v1/kek".getBytes(StandardCharsets.US_ASCII);

  private Aead() {}

  /**
   * The key-encryption key: HKDF-SHA256 with a fixed salt, input keying material the GT element's 576 bytes and info
   * {@code "sihha-cpabe/v1/kek" || the whole ABE header}; 32 bytes.
   */
  static byte[] keyEncryptionKey(byte[] gt, byte[] header) {
    byte[] prk = hmac(KEK_SALT, gt);
    byte[] info = new byte[KEK_INFO.length + header.length + 1];
    System.arraycopy(KEK_INFO, 0, info, 0, KEK_INFO.length);
    System.arraycopy(header, 0, info, KEK_INFO.length, header.length);
    info[info.length - 1] = 1;
    try {
      return hmac(prk, info);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }

  static byte[] seal(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad);
      return cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new InternalErrorException(Codes.of(1440) + "AES-GCM encryption failed", e);
    }
  }

  /** The plaintext, or empty when the tag does not verify (altered data, another key or other associated data). */
  static Optional<byte[]> open(byte[] key, byte[] nonce, byte[] ciphertext, byte[] aad) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad);
      return Optional.of(cipher.doFinal(ciphertext));
    } catch (AEADBadTagException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new InternalErrorException(Codes.of(1440) + "AES-GCM decryption failed", e);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new InternalErrorException(Codes.of(1440) + "HMAC-SHA256 is not available", e);
    }
  }
}
