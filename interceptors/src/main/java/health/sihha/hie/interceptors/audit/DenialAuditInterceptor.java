package health.sihha.hie.interceptors.audit;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every refused request (401 and 403) that carried a verified identity as a BALP-style AuditEvent; a refusal
 * without one (no token, an invalid or expired one) is only counted and logged ({@link AnonymousDenials}), so that
 * nobody can grow the audit trail without credentials. A failing sink is logged and never changes the response the
 * client gets.
 */
@Interceptor(order = HieOrder.AUDIT)
public final class DenialAuditInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(DenialAuditInterceptor.class);

  private final AuditSink sink;
  private final AnonymousDenials anonymous;
  private final String serverId;

  /**
   * @param sink where the events of identified requests go
   * @param anonymous where refusals of requests without a verified identity are counted
   * @param serverId this server's id, e.g. {@code provider-a}, as the event's source
   */
  public DenialAuditInterceptor(AuditSink sink, AnonymousDenials anonymous, String serverId) {
    this.sink = requireNonNull(sink);
    this.anonymous = requireNonNull(anonymous);
    this.serverId = requireNonNull(serverId);
  }

  @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
  public boolean denied(RequestDetails request, BaseServerResponseException exception) {
    int status = exception.getStatusCode();
    if (status != 401 && status != 403) {
      return true;
    }
    Optional<SmartGrant> grant = SmartGrants.verified(request);
    if (grant.isEmpty()) {
      anonymous.refused(status, String.valueOf(request.getRequestType()),
          DenialAuditEvents.truncated(request.getRequestPath()));
      return true;
    }
    try {
      sink.write(DenialAuditEvents.of(request, status, exception.getMessage(), grant, serverId));
    } catch (RuntimeException e) {
      LOG.warn("could not audit the refused request {} {}: {}", request.getRequestType(),
          DenialAuditEvents.truncated(request.getCompleteUrl()), e.toString());
    }
    return true;
  }
}
