package health.sihha.hie.interceptors.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.interceptors.security.TestTokens;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class MonitoringAccessFilterTest {

  private static final TestTokens TOKENS = new TestTokens();

  private final List<String> refused = new CopyOnWriteArrayList<>();
  private final MonitoringAccessFilter filter = new MonitoringAccessFilter(TOKENS.verifier(),
      (status, method, path) -> refused.add(status + " " + path));

  @Test
  void theProbesAreOpen() throws Exception {
    for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
      Exchange exchange = exchange(probe, null);
      assertThat(exchange.passed()).as(probe).isTrue();
    }
    assertThat(refused).isEmpty();
  }

  @Test
  void metricsAndHealthDetailsNeedAToken() throws Exception {
    for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/metrics/jvm.memory.used",
        "/actuator/info", "/actuator/health/liveness/../../prometheus")) {
      Exchange exchange = exchange(path, null);
      assertThat(exchange.passed()).as(path).isFalse();
      assertThat(exchange.response().getStatus()).isEqualTo(401);
      assertThat(exchange.response().getHeader("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(exchange.response().getContentAsString()).contains("OperationOutcome").contains("SIHHA-1010");
    }
    assertThat(exchange("/actuator/prometheus", "garbage").response().getStatus()).isEqualTo(401);
    assertThat(refused).hasSize(6).allMatch(line -> line.startsWith("401 "));
  }

  @Test
  void aTokenWithoutTheMonitoringRoleIs403() throws Exception {
    Exchange exchange = exchange("/actuator/prometheus", TOKENS.token("user/*.cruds", null, "physician", "system"));
    assertThat(exchange.passed()).isFalse();
    assertThat(exchange.response().getStatus()).isEqualTo(403);
    assertThat(exchange.response().getContentAsString()).contains("SIHHA-1023");
  }

  @Test
  void theMonitoringRoleReadsEverything() throws Exception {
    String monitoring = TOKENS.token("openid", null, MonitoringAccessFilter.MONITORING_ROLE);
    assertThat(exchange("/actuator/prometheus", monitoring).passed()).isTrue();
    assertThat(exchange("/actuator/health", monitoring).passed()).isTrue();
  }

  private Exchange exchange(String path, String token) throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    if (token != null) {
      request.addHeader("Authorization", "Bearer " + token);
    }
    MockHttpServletResponse response = new MockHttpServletResponse();
    MockFilterChain chain = new MockFilterChain();
    filter.doFilter(request, response, chain);
    return new Exchange(response, chain.getRequest() != null);
  }

  private record Exchange(MockHttpServletResponse response, boolean passed) {}
}
