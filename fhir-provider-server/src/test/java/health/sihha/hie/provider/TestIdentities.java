package health.sihha.hie.provider;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.interceptors.security.SmartScopes;
import health.sihha.hie.server.rest.FhirServerCustomizer;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Identities for the shared test context, which runs without security: a bearer token made here is verified into
 * its {@link SmartGrant} and kept on the request as the authorization interceptor would, without its rules, so that
 * what reads the verified grant (the audit, the access log) sees who asks. Requests without a token stay anonymous.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestIdentities {

  private static final Map<String, SmartGrant> TOKENS = new ConcurrentHashMap<>();

  /** A token of a user of {@code facility} with {@code roles}, {@code user/*.cruds} and {@code fhirUser}. */
  public static String user(String facility, String fhirUser, String... roles) {
    return token(new SmartGrant("user-" + UUID.randomUUID(), "sihha-dev-cli", SmartScopes.parse("user/*.cruds"),
        Set.of(roles), facility, null, null, null, fhirUser, Instant.now().plusSeconds(3600)));
  }

  /** A token of patient {@code patient} of {@code facility}, as a SMART patient launch gives it. */
  public static String patient(String facility, String patient) {
    return launch(facility, patient);
  }

  /** A SMART launch in the context of {@code patient} by a user of {@code facility} with {@code roles}. */
  public static String launch(String facility, String patient, String... roles) {
    return token(new SmartGrant("launch-" + UUID.randomUUID(), "sihha-smart-app",
        SmartScopes.parse("launch/patient patient/*.rs"), Set.of(roles), facility, null, null, patient, null,
        Instant.now().plusSeconds(3600)));
  }

  /** The subject ({@code sub}) of a token made here. */
  public static String subject(String token) {
    return TOKENS.get(token).subject();
  }

  private static String token(SmartGrant grant) {
    String token = "test-" + UUID.randomUUID();
    TOKENS.put(token, grant);
    return token;
  }

  @Bean
  FhirServerCustomizer testBearerTokens() {
    SmartGrants grants = new SmartGrants(token -> {
      SmartGrant grant = TOKENS.get(token);
      if (grant == null) {
        throw new AuthenticationException("unknown test token");
      }
      return grant;
    });
    return server -> server.registerInterceptor(new BearerTokens(grants));
  }

  @Interceptor(order = HieOrder.AUTHORIZATION)
  static final class BearerTokens {

    private final SmartGrants grants;

    BearerTokens(SmartGrants grants) {
      this.grants = grants;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void verify(RequestDetails request) {
      if (request.getHeader(Constants.HEADER_AUTHORIZATION) != null) {
        grants.require(request);
      }
    }
  }
}
