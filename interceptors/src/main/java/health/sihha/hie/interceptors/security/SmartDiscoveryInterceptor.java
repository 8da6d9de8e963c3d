package health.sihha.hie.interceptors.security;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers {@code GET <fhir base>/.well-known/smart-configuration} with the SMART discovery document, open to all,
 * before HAPI parses the request (so no token is asked for).
 */
@Interceptor(order = HieOrder.SMART_DISCOVERY)
public final class SmartDiscoveryInterceptor {

  public static final String PATH = "/.well-known/smart-configuration";

  private final byte[] document;

  public SmartDiscoveryInterceptor(SmartConfiguration configuration) {
    this.document = requireNonNull(configuration).toJson().getBytes(StandardCharsets.UTF_8);
  }

  /** Writes the document and stops HAPI for the discovery path; lets every other request through. */
  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
  public boolean serve(HttpServletRequest request, HttpServletResponse response) {
    if (!"GET".equals(request.getMethod()) || !PATH.equals(request.getPathInfo())) {
      return true;
    }
    response.setStatus(200);
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "public, max-age=3600");
    response.setContentLength(document.length);
    try {
      response.getOutputStream().write(document);
    } catch (IOException e) {
      throw new InternalErrorException(Codes.of(1040) + "could not write the SMART configuration", e);
    }
    return false;
  }
}
