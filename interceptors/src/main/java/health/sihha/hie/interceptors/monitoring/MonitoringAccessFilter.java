package health.sihha.hie.interceptors.monitoring;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.util.OperationOutcomeUtil;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.audit.AnonymousDenials;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.TokenVerifier;
import health.sihha.hie.interceptors.security.Unauthorized;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;

/**
 * Guards the operations surface ({@code /actuator/*}): the liveness and readiness probes stay open, since
 * orchestrators call them without credentials and they say only UP or DOWN; everything else (metrics, which would
 * reveal opt-outs and traffic, health details, info) needs a valid bearer token of the realm, issued for this server,
 * with the monitoring role. No token or an invalid one gets 401, a token without the role 403, each with an
 * OperationOutcome; refusals are counted ({@link AnonymousDenials}), never stored.
 */
public final class MonitoringAccessFilter extends HttpFilter {

  /** The realm role of monitoring clients (a Prometheus scraper, an operator's dashboard). */
  public static final String MONITORING_ROLE = "monitoring";

  private static final List<String> OPEN = List.of("/actuator/health/liveness", "/actuator/health/readiness");
  private static final String BEARER = "Bearer ";
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private final TokenVerifier verifier;
  private final AnonymousDenials denials;

  public MonitoringAccessFilter(TokenVerifier verifier, AnonymousDenials denials) {
    this.verifier = requireNonNull(verifier);
    this.denials = requireNonNull(denials);
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (OPEN.contains(path)) {
      chain.doFilter(request, response);
      return;
    }
    try {
      SmartGrant grant = verifier.verify(bearerToken(request));
      if (!grant.hasRole(MONITORING_ROLE)) {
        throw new ForbiddenOperationException(Codes.of(1023) + "the operations endpoints need realm role "
            + MONITORING_ROLE);
      }
    } catch (BaseServerResponseException refused) {
      denials.refused(refused.getStatusCode(), request.getMethod(), path);
      refuse(response, refused);
      return;
    }
    chain.doFilter(request, response);
  }

  private static String bearerToken(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        || header.substring(BEARER.length()).isBlank()) {
      throw Unauthorized.missingToken();
    }
    return header.substring(BEARER.length()).trim();
  }

  private static void refuse(HttpServletResponse response, BaseServerResponseException refused) throws IOException {
    IBaseOperationOutcome outcome = OperationOutcomeUtil.newInstance(FHIR);
    OperationOutcomeUtil.addIssue(FHIR, outcome, "error", refused.getMessage(), null,
        refused.getStatusCode() == 401 ? "login" : "forbidden");
    response.setStatus(refused.getStatusCode());
    Map<String, List<String>> headers = refused.getResponseHeaders();
    headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
    response.setContentType("application/fhir+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(FHIR.newJsonParser().encodeResourceToString(outcome));
  }
}
