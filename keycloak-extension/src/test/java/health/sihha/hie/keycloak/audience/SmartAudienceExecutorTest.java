package health.sihha.hie.keycloak.audience;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.keycloak.services.clientpolicy.ClientPolicyException;

class SmartAudienceExecutorTest {

  private final SmartAudienceExecutor executor = new SmartAudienceExecutor();

  @BeforeEach
  void configure() {
    SmartAudienceExecutor.Configuration config = new SmartAudienceExecutor.Configuration();
    config.setAllowedAudiences(List.of("http://127.0.0.1:8081/fhir"));
    executor.setupConfiguration(config);
  }

  @Test
  void acceptsAConfiguredAudience() {
    assertThatCode(() -> executor.check("http://127.0.0.1:8081/fhir")).doesNotThrowAnyException();
  }

  @Test
  void refusesAnUnknownAudienceWithInvalidRequest() {
    assertThatThrownBy(() -> executor.check("https://evil.example/fhir")).isInstanceOf(ClientPolicyException.class)
        .extracting(e -> ((ClientPolicyException) e).getError()).isEqualTo("invalid_request");
  }

  @Test
  void refusesAMissingAudience() {
    assertThatThrownBy(() -> executor.check(null)).isInstanceOf(ClientPolicyException.class)
        .extracting(e -> ((ClientPolicyException) e).getErrorDetail()).isEqualTo("Missing parameter: aud");
  }
}
