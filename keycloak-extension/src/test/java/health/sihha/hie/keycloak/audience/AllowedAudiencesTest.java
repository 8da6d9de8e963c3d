package health.sihha.hie.keycloak.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedAudiencesTest {

  private final AllowedAudiences allowed = new AllowedAudiences(
      List.of("http://127.0.0.1:8081/fhir", "http://127.0.0.1:8080/fhir/"));

  @Test
  void allowsAConfiguredBaseWithOrWithoutTrailingSlash() {
    assertThat(allowed.allows("http://127.0.0.1:8081/fhir")).isTrue();
    assertThat(allowed.allows("http://127.0.0.1:8081/fhir/")).isTrue();
    assertThat(allowed.allows("http://127.0.0.1:8080/fhir")).isTrue();
  }

  @Test
  void refusesOtherOrMissingAudiences() {
    assertThat(allowed.allows("http://127.0.0.1:8081/fhir/Patient")).isFalse();
    assertThat(allowed.allows("https://evil.example/fhir")).isFalse();
    assertThat(allowed.allows("")).isFalse();
    assertThat(allowed.allows(null)).isFalse();
    assertThat(new AllowedAudiences(null).allows("http://127.0.0.1:8081/fhir")).isFalse();
  }

  @Test
  void aStarPortAllowsAnyPortOfThatHostAndPathOnly() {
    AllowedAudiences loopback = new AllowedAudiences(List.of("http://127.0.0.1:*/fhir"));

    assertThat(loopback.allows("http://127.0.0.1:41234/fhir")).isTrue();
    assertThat(loopback.allows("http://127.0.0.1:8081/fhir/")).isTrue();
    assertThat(loopback.allows("http://127.0.0.1/fhir")).isFalse();
    assertThat(loopback.allows("http://127.0.0.1:8081/other")).isFalse();
    assertThat(loopback.allows("http://127.0.0.1:8081/fhir/Patient")).isFalse();
    assertThat(loopback.allows("http://127.0.0.1.evil.example:8081/fhir")).isFalse();
    assertThat(loopback.allows("http://127.0.0.1:8081@evil.example/fhir")).isFalse();
    assertThat(allowed.allows("http://127.0.0.1:9999/fhir")).isFalse();
  }
}
