package health.sihha.hie.ministry.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The national store's id for a provider's resource: {@code <provider>.<source id>}, stable across redeliveries and
 * restarts, so the same resource from the same provider always lands on the same national id and ids from different
 * providers never collide. FHIR ids are at most 64 characters: a longer combination keeps the provider prefix and
 * replaces the source id by its SHA-256.
 */
public final class NationalIds {

  static final int MAX_FHIR_ID = 64;

  private NationalIds() {}

  public static String of(String providerId, String sourceId) {
    String id = providerId + "." + sourceId;
    if (id.length() <= MAX_FHIR_ID) {
      return id;
    }
    String digest = sha256Hex(sourceId);
    return providerId + "." + digest.substring(0, MAX_FHIR_ID - providerId.length() - 1);
  }

  /** Whether {@code nationalId} is one that {@link #of} gives for {@code providerId}. */
  public static boolean isOf(String providerId, String nationalId) {
    return nationalId.startsWith(providerId + ".") && nationalId.length() > providerId.length() + 1;
  }

  private static String sha256Hex(String value) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
