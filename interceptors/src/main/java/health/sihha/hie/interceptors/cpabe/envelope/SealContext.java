package health.sihha.hie.interceptors.cpabe.envelope;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.cpabe.policy.PolicyParser;
import health.sihha.hie.interceptors.cpabe.scheme.Wire;
import java.nio.charset.StandardCharsets;

/**
 * What an envelope's content belongs to, authenticated (never encrypted) as AES-GCM associated data: the resource
 * type, the provider's logical id of the resource, the provider's version of it, and the policy it is sealed under.
 * Opening with any other context fails, so an envelope copied onto another resource or version does not open there.
 *
 * <p>The body's associated data holds the first three; the data key's wrap holds all four. That keeps the body
 * untouched when {@link Envelopes#rewrap rewrap} moves an envelope to a new policy, while the policy stays bound
 * through the wrap (and through the header, which the key-encryption key is derived from).
 */
public record SealContext(String resourceType, String providerId, String providerVersion, String policy) {

  /** Longest resource type, provider id or provider version, in UTF-8 bytes; the policy may be as long as a policy. */
  public static final int MAX_FIELD_BYTES = 1024;

  private static final byte[] BODY_LABEL = "sihha-cpabe/v1/body-aad".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] WRAP_LABEL = "sihha-cpabe/v1/wrap-aad".getBytes(StandardCharsets.US_ASCII);

  public SealContext {
    check(resourceType, "resourceType", MAX_FIELD_BYTES);
    check(providerId, "providerId", MAX_FIELD_BYTES);
    check(providerVersion, "providerVersion", MAX_FIELD_BYTES);
    check(policy, "policy", PolicyParser.MAX_LENGTH);
  }

  /** The same context under another policy. */
  public SealContext withPolicy(String newPolicy) {
    return new SealContext(resourceType, providerId, providerVersion, newPolicy);
  }

  /** Associated data of the body: label, resource type, provider id, provider version (u16 length + UTF-8 each). */
  byte[] bodyAad() {
    return new Wire.Writer().bytes(BODY_LABEL).utf8(resourceType).utf8(providerId).utf8(providerVersion)
        .toByteArray();
  }

  /** Associated data of the data key's wrap: as {@link #bodyAad()} with its own label, then the canonical policy. */
  byte[] wrapAad(String canonicalPolicy) {
    return new Wire.Writer().bytes(WRAP_LABEL).utf8(resourceType).utf8(providerId).utf8(providerVersion)
        .utf8(canonicalPolicy).toByteArray();
  }

  private static void check(String value, String name, int maxBytes) {
    requireNonNull(value, name);
    if (value.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      throw new InvalidRequestException(Codes.of(1437) + "seal context field " + name + " is longer than "
          + maxBytes + " bytes");
    }
  }
}
