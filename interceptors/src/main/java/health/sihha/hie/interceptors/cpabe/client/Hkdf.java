package health.sihha.hie.interceptors.cpabe.client;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import health.sihha.hie.interceptors.Codes;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869) for one 32-byte output block. */
final class Hkdf {

  private Hkdf() {}

  static byte[] sha256(byte[] salt, byte[] ikm, byte[] info) {
    byte[] prk = hmac(salt, ikm);
    byte[] block = Arrays.copyOf(info, info.length + 1);
    block[info.length] = 1;
    try {
      return hmac(prk, block);
    } finally {
      Arrays.fill(prk, (byte) 0);
    }
  }

  private static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new InternalErrorException(Codes.of(1588) + "HMAC-SHA256 is not available", e);
    }
  }
}
