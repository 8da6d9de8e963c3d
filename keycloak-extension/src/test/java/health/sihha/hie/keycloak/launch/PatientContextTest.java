package health.sihha.hie.keycloak.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.sihha.hie.keycloak.launch.PatientContext.Choose;
import health.sihha.hie.keycloak.launch.PatientContext.NoPatient;
import health.sihha.hie.keycloak.launch.PatientContext.Selected;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PatientContextTest {

  private final PatientContext context = new PatientContext(launch -> Optional.ofNullable(
      Map.of("L1", "pat-1").get(launch)));

  @Test
  void ehrLaunchGivesTheRegisteredPatient() {
    assertThat(context.resolve("L1", "openid launch", () -> List.of("ignored"))).isEqualTo(new Selected("pat-1"));
  }

  @Test
  void unknownLaunchIsRefused() {
    assertThatThrownBy(() -> context.resolve("L2", "openid launch", List::of))
        .isInstanceOf(LaunchContextException.class).hasMessageContaining("unknown");
  }

  @Test
  void standaloneLaunchWithOnePatientSelectsItWithoutAsking() {
    assertThat(context.resolve(null, "openid launch/patient patient/*.rs", () -> List.of("example-a")))
        .isEqualTo(new Selected("example-a"));
  }

  @Test
  void standaloneLaunchWithSeveralPatientsLetsTheUserChoose() {
    assertThat(context.resolve(null, "launch/patient", () -> List.of("example-a", " ", "example-a2", "example-a")))
        .isEqualTo(new Choose(List.of("example-a", "example-a2")));
  }

  @Test
  void theChoiceMustBeOneOfTheCandidates() {
    List<String> candidates = List.of("example-a", "example-a2");

    assertThat(PatientContext.choose("example-a2", candidates)).isEqualTo("example-a2");
    assertThatThrownBy(() -> PatientContext.choose("example-b", candidates))
        .isInstanceOf(LaunchContextException.class).hasMessageContaining("not one of");
    assertThatThrownBy(() -> PatientContext.choose(null, candidates)).isInstanceOf(LaunchContextException.class);
  }

  @Test
  void standaloneLaunchWithoutAPatientIsRefused() {
    assertThatThrownBy(() -> context.resolve(null, "launch/patient", () -> List.of(" ")))
        .isInstanceOf(LaunchContextException.class).hasMessageContaining("no patient");
  }

  @Test
  void userPatientsMustBeFhirIds() {
    assertThatThrownBy(() -> context.resolve(null, "launch/patient", () -> List.of("example-a", "../Patient/x")))
        .isInstanceOf(LaunchContextException.class);
  }

  @Test
  void noLaunchScopeMeansNoPatient() {
    assertThat(context.resolve(null, "openid user/*.cruds", () -> List.of("example-a"))).isEqualTo(new NoPatient());
    assertThat(context.resolve("", null, () -> List.of("example-a"))).isEqualTo(new NoPatient());
    assertThat(PatientContext.requestsPatient("launch/patients")).isFalse();
  }
}
