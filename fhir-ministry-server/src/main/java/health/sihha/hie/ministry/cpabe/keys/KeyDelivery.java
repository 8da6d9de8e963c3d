package health.sihha.hie.ministry.cpabe.keys;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.cpabe.client.AppKeyPair;
import health.sihha.hie.interceptors.cpabe.client.UserKeyWrap;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.interceptors.security.SmartScope.Context;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import jakarta.annotation.Nullable;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import java.util.Set;

/**
 * Hands a user's CP-ABE key to the user's client app, wrapped to the app's own P-256 key ({@link UserKeyWrap}),
 * never in clear: only for a user token (a {@code user/} scope, no service account), never under break-glass
 * (an emergency read is decrypted by the server and audited per read, its key is never handed out), and audited
 * before the key leaves.
 */
final class KeyDelivery {

  /** The header that states a break-glass access (see the consent interceptor). */
  static final String BREAK_GLASS_HEADER = "X-Break-Glass-Reason";

  @Nullable private final SmartGrants grants;
  private final AttributeAuthority authority;
  private final KeyAudit audit;
  private final String serverId;
  private final SecureRandom random = new SecureRandom();

  KeyDelivery(@Nullable SmartGrants grants, AttributeAuthority authority, KeyAudit audit, String serverId) {
    this.grants = grants;
    this.authority = requireNonNull(authority);
    this.audit = requireNonNull(audit);
    this.serverId = requireNonNull(serverId);
  }

  /** The key of the request's user for the current epoch, wrapped to {@code clientKeySpki}. */
  DeliveredKey deliver(RequestDetails request, @Nullable byte[] clientKeySpki) {
    if (grants == null) {
      throw new ForbiddenOperationException(Codes.of(1570) + KeyOperations.USER_KEY + " derives keys from a validated"
          + " access token: it needs sihha.security.enabled");
    }
    SmartGrant grant = grants.require(request);
    String reason = request.getHeader(BREAK_GLASS_HEADER);
    if (reason != null && !reason.isBlank()) {
      throw new ForbiddenOperationException(Codes.of(1571) + "no key is handed out under break-glass: an emergency"
          + " read is decrypted by the ministry and audited there");
    }
    if (grant.hasRole(SmartGrant.SYSTEM_ROLE) || grant.scopes().in(Context.USER).isEmpty()) {
      throw new ForbiddenOperationException(Codes.of(1572) + KeyOperations.USER_KEY + " is for a user's token (a"
          + " user/ scope); service accounts and patient launches get no key");
    }
    if (clientKeySpki == null || clientKeySpki.length == 0) {
      throw new InvalidRequestException(Codes.of(1575) + "parameter clientKey (valueBase64Binary, the app's P-256"
          + " public key as DER SubjectPublicKeyInfo) is required");
    }
    ECPublicKey appKey = AppKeyPair.parsePublicKey(clientKeySpki);
    Set<String> attributes = authority.attributesOf(grant, false);
    UserKey key = authority.keyFor(grant, false).orElseThrow(() -> new ForbiddenOperationException(Codes.of(1573)
        + "the token carries no attribute (role, facility, region, specialty) a key can be made for"));
    String fingerprint = HexFormat.of().formatHex(AppKeyPair.fingerprint(appKey));
    byte[] wrapped = UserKeyWrap.wrap(key, appKey, random);
    audit.record(KeyAuditEvents.userKeyIssued(grant, key.epoch(), String.join(" ", attributes), fingerprint,
        serverId));
    return new DeliveredKey(key.subject(), key.epoch(), attributes, fingerprint, wrapped);
  }

  /** What {@code $cpabe-user-key} returns. */
  record DeliveredKey(String subject, long epoch, Set<String> attributes, String clientKeyFingerprint,
      byte[] wrappedKey) {

    DeliveredKey {
      attributes = Set.copyOf(attributes);
    }
  }
}
