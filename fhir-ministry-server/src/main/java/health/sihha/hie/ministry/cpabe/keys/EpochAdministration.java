package health.sihha.hie.ministry.cpabe.keys;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import health.sihha.hie.ministry.cpabe.rewrap.RewrapJob;

/** Revocation: the key epoch moves forward, audited, and the re-wrap job starts moving existing envelopes to it. */
final class EpochAdministration {

  private final AttributeAuthority authority;
  private final RewrapJob rewrap;
  private final KeyAudit audit;
  private final String serverId;

  EpochAdministration(AttributeAuthority authority, RewrapJob rewrap, KeyAudit audit, String serverId) {
    this.authority = requireNonNull(authority);
    this.rewrap = requireNonNull(rewrap);
    this.audit = requireNonNull(audit);
    this.serverId = requireNonNull(serverId);
  }

  /** The new epoch. */
  long advance(RequestDetails request) {
    SmartGrant admin = SmartGrants.verified(request).orElse(null);
    long from = authority.epoch();
    long to = authority.advanceEpoch();
    rewrap.start(to);
    audit.record(KeyAuditEvents.epochAdvanced(admin, from, to, serverId));
    return to;
  }
}
