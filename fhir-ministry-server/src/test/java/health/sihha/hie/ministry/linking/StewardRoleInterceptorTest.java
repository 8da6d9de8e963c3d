package health.sihha.hie.ministry.linking;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.interceptors.security.SmartScopes;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The steward role on the registry operations, checked on the token the SMART authorization verified. */
class StewardRoleInterceptorTest {

  private static StewardRoleInterceptor interceptor(String... roles) {
    SmartGrant grant = new SmartGrant("user-1", "sihha-web", SmartScopes.parse("user/*.rs"), Set.of(roles), "ministry",
        "national", null, null, null, Instant.now().plusSeconds(300));
    return new StewardRoleInterceptor(new SmartGrants(token -> grant), "registry-steward");
  }

  private static ServletRequestDetails request(String operation) {
    MockHttpServletRequest http = new MockHttpServletRequest();
    http.addHeader(Constants.HEADER_AUTHORIZATION, "Bearer token");
    ServletRequestDetails request = new ServletRequestDetails();
    request.setServletRequest(http);
    request.setOperation(operation);
    return request;
  }

  @Test
  void anAnalystWithoutTheStewardRoleGets403OnTheRegistryOperations() {
    StewardRoleInterceptor analyst = interceptor("ministry-analyst");
    for (String operation : List.of("$link-decision", "$match-candidates", "$unlink")) {
      assertThatThrownBy(() -> analyst.requireSteward(request(operation)))
          .isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("SIHHA-1139");
    }
  }

  @Test
  void aStewardMayAndEverythingIsNotTheirs() {
    assertThatCode(() -> interceptor("registry-steward").requireSteward(request("$link-decision")))
        .doesNotThrowAnyException();
    assertThatCode(() -> interceptor("ministry-analyst").requireSteward(request("$everything")))
        .doesNotThrowAnyException();
  }

  @Test
  void readsAndSearchesNameNoOperationAndPass() {
    assertThatCode(() -> interceptor("ministry-analyst").requireSteward(request(null))).doesNotThrowAnyException();
  }
}
