package health.sihha.hie.keycloak.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaunchTest {

  private static final String AUD = "http://127.0.0.1:8081/fhir";
  private final Launch launch = new Launch("pat-42", "sihha-smart-app", AUD + "/", "provider-a");

  @Test
  void theRequestItWasRegisteredForGetsThePatient() {
    assertThat(launch.patientFor("sihha-smart-app", AUD, "provider-a")).isEqualTo("pat-42");
    assertThat(Launch.fromNotes(launch.toNotes())).isEqualTo(launch);
  }

  @Test
  void anotherAppAnotherServerOrAnotherFacilityIsRefused() {
    assertThatThrownBy(() -> launch.patientFor("other-app", AUD, "provider-a"))
        .isInstanceOf(LaunchContextException.class).hasMessageContaining("another app");
    assertThatThrownBy(() -> launch.patientFor("sihha-smart-app", "http://127.0.0.1:8082/fhir", "provider-a"))
        .isInstanceOf(LaunchContextException.class).hasMessageContaining("another FHIR server");
    assertThatThrownBy(() -> launch.patientFor("sihha-smart-app", null, "provider-a"))
        .isInstanceOf(LaunchContextException.class).hasMessageContaining("another FHIR server");
    assertThatThrownBy(() -> launch.patientFor("sihha-smart-app", AUD, "provider-b"))
        .isInstanceOf(LaunchContextException.class).hasMessageContaining("another facility");
    assertThatThrownBy(() -> launch.patientFor("sihha-smart-app", AUD, null))
        .isInstanceOf(LaunchContextException.class).hasMessageContaining("another facility");
  }

  @Test
  void aLaunchNeedsAPatientIdAClientAnAudAndAFacility() {
    assertThatThrownBy(() -> new Launch("not an id!", "c", AUD, "f")).isInstanceOf(LaunchContextException.class);
    assertThatThrownBy(() -> new Launch("p", " ", AUD, "f")).hasMessageContaining("client_id");
    assertThatThrownBy(() -> new Launch("p", "c", null, "f")).hasMessageContaining("aud");
    assertThatThrownBy(() -> new Launch("p", "c", AUD, "")).hasMessageContaining("facility");
  }
}
