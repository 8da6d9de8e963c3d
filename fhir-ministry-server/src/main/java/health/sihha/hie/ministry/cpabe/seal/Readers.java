package health.sihha.hie.ministry.cpabe.seal;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import health.sihha.hie.interceptors.consent.BreakGlass;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import jakarta.annotation.Nullable;
import java.util.List;
import java.util.Optional;

/**
 * Who a request reads as. The server's own requests, tokens with a trusted role, and, when security is off (the
 * in-process demo and tests), requests without a token read as the server. A verified token reads as its user; with
 * security on, a request without one (which the SMART authorization refuses before any read) reads as a user with no
 * key.
 */
final class Readers {

  private final AttributeAuthority authority;
  private final boolean securityEnabled;
  private final List<String> trustedRoles;

  Readers(AttributeAuthority authority, boolean securityEnabled, List<String> trustedRoles) {
    this.authority = requireNonNull(authority);
    this.securityEnabled = securityEnabled;
    this.trustedRoles = List.copyOf(trustedRoles);
  }

  Reader of(@Nullable RequestDetails request) {
    if (request == null || request instanceof SystemRequestDetails) {
      return Reader.SERVER;
    }
    Optional<SmartGrant> verified = SmartGrants.verified(request);
    if (verified.isEmpty()) {
      return securityEnabled ? new Reader(false, null, null, null) : Reader.SERVER;
    }
    SmartGrant grant = verified.get();
    if (trustedRoles.stream().anyMatch(grant::hasRole)) {
      return Reader.SERVER;
    }
    Optional<String> reason = BreakGlass.allowed(grant) ? BreakGlass.reason(request) : Optional.empty();
    return new Reader(false, grant, authority.keyFor(grant, reason.isPresent()).orElse(null), reason.orElse(null));
  }
}
