package health.sihha.hie.keycloak.facility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class AudienceRulesTest {

  private static final String A = "http://127.0.0.1:8081/fhir";
  private static final String M = "http://127.0.0.1:8080/fhir";
  private static final String T = "http://127.0.0.1:8090/fhir";
  private final AudienceRules rules = AudienceRules.parse("""
      {"staff": {"provider-a": ["http://127.0.0.1:8081/fhir/", "http://127.0.0.1:8090/fhir"],
                 "ministry": ["http://127.0.0.1:8080/fhir", "http://127.0.0.1:8090/fhir"],
                 "ministry/terminology": ["http://127.0.0.1:8090/fhir"]},
       "launch": ["http://127.0.0.1:8090/fhir"]}""");

  @Test
  void aPersonGetsTheAudiencesOfTheirUnitAndTheFacilityOfItsFirstSegment() {
    assertThat(rules.person("provider-a", null)).isEqualTo(new FacilityGrant("provider-a", List.of(A, T)));
    assertThat(rules.person("ministry/terminology", null)).isEqualTo(new FacilityGrant("ministry", List.of(T)));
  }

  @Test
  void aUnitNotNamedTakesItsNearestAncestorsAudiencesAndAnUnknownFacilityNone() {
    assertThat(rules.person("ministry/records/archive", null)).isEqualTo(new FacilityGrant("ministry", List.of(M, T)));
    assertThat(rules.person("provider-z", null)).isEqualTo(new FacilityGrant("provider-z", List.of()));
  }

  @Test
  void aSmartLaunchNamesExactlyItsAudPlusTheLaunchAudiencesWhenTheAudIsThePersons() {
    assertThat(rules.person("provider-a", A + "/")).isEqualTo(new FacilityGrant("provider-a", List.of(A, T)));
    assertThat(rules.person("ministry", T)).isEqualTo(new FacilityGrant("ministry", List.of(T)));
  }

  @Test
  void aSmartLaunchAgainstAnotherFacilitysServerGetsNoAudience() {
    assertThat(rules.person("provider-a", "http://127.0.0.1:8082/fhir"))
        .isEqualTo(new FacilityGrant("provider-a", List.of()));
    assertThat(rules.person("provider-a", "http://127.0.0.1:45678/fhir"))
        .isEqualTo(new FacilityGrant("provider-a", List.of()));
  }

  @Test
  void aServiceAccountGetsItsClientsFacilityAndAudiencesOrNothingWithoutAFacility() {
    assertThat(AudienceRules.serviceAccount("provider-a", " " + A + "  http://127.0.0.1:8080/ingest\n" + T))
        .isEqualTo(new FacilityGrant("provider-a", List.of(A, "http://127.0.0.1:8080/ingest", T)));
    assertThat(AudienceRules.serviceAccount(null, A)).isEqualTo(FacilityGrant.NONE);
    assertThat(AudienceRules.serviceAccount("provider-a", null)).isEqualTo(new FacilityGrant("provider-a", List.of()));
  }

  @Test
  void aConfigurationThatIsNotTheJsonIsRefused() {
    assertThatThrownBy(() -> AudienceRules.parse("{\"staff\": [1, 2]}")).isInstanceOf(IllegalArgumentException.class);
    assertThat(AudienceRules.parse(null).person("provider-a", null).audiences()).isEmpty();
  }
}
