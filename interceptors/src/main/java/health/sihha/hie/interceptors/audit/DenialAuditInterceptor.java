package health.sihha.hie.interceptors.audit;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.security.SmartGrants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records every refused request (401 and 403) as a BALP-style AuditEvent. A failing sink is logged and never
 * changes the response the client gets.
 */
@Interceptor(order = HieOrder.AUDIT)
public final class DenialAuditInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(DenialAuditInterceptor.class);

  private final AuditSink sink;
  private final String serverId;

  /**
   * @param sink where the events go
   * @param serverId this server's id, e.g. {@code provider-a}, as the event's source
   */
  public DenialAuditInterceptor(AuditSink sink, String serverId) {
    this.sink = requireNonNull(sink);
    this.serverId = requireNonNull(serverId);
  }

  @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
  public boolean denied(RequestDetails request, BaseServerResponseException exception) {
    int status = exception.getStatusCode();
    if (status == 401 || status == 403) {
      try {
        sink.write(DenialAuditEvents.of(request, status, exception.getMessage(), SmartGrants.verified(request),
            serverId));
      } catch (RuntimeException e) {
        LOG.warn("could not audit the refused request {} {}: {}", request.getRequestType(), request.getCompleteUrl(),
            e.toString());
      }
    }
    return true;
  }
}
