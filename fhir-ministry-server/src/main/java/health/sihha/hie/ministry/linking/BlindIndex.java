package health.sihha.hie.ministry.linking;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed blind index of identifiers: HMAC-SHA256 of {@code system|value}, normalised (system as is, value trimmed,
 * upper case, without spaces or dashes). Equal identifiers give equal digests, so a lookup by national identifier
 * works once the records themselves are sealed; without the key a digest tells nothing and cannot be brute-forced
 * from the small space of national identifiers. Exact match only.
 */
final class BlindIndex {

  private static final String HMAC = "HmacSHA256";

  private final SecretKeySpec key;

  BlindIndex(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("the blind index key must have at least 32 bytes, not " + key.length);
    }
    this.key = new SecretKeySpec(key.clone(), HMAC);
  }

  String digest(String system, String value) {
    String normalised = system.strip() + "|" + value.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]", "");
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
