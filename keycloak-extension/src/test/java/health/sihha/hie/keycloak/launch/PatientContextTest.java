package health.sihha.hie.keycloak.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PatientContextTest {

  private final PatientContext context = new PatientContext(launch -> Optional.ofNullable(
      Map.of("L1", "pat-1").get(launch)));

  @Test
  void ehrLaunchGivesTheRegisteredPatient() {
    assertThat(context.resolve("L1", "openid launch", () -> "ignored")).contains("pat-1");
  }

  @Test
  void unknownLaunchIsRefused() {
    assertThatThrownBy(() -> context.resolve("L2", "openid launch", () -> null))
        .isInstanceOf(LaunchContextException.class).hasMessageContaining("unknown");
  }

  @Test
  void standaloneLaunchGivesTheUsersPatient() {
    assertThat(context.resolve(null, "openid launch/patient patient/*.rs", () -> "example-a")).contains("example-a");
  }

  @Test
  void standaloneLaunchWithoutAPatientIsRefused() {
    assertThatThrownBy(() -> context.resolve(null, "launch/patient", () -> " "))
        .isInstanceOf(LaunchContextException.class).hasMessageContaining("no patient");
  }

  @Test
  void userPatientMustBeAFhirId() {
    assertThatThrownBy(() -> context.resolve(null, "launch/patient", () -> "../Patient/x"))
        .isInstanceOf(LaunchContextException.class);
  }

  @Test
  void noLaunchScopeMeansNoPatient() {
    assertThat(context.resolve(null, "openid user/*.cruds", () -> "example-a")).isEmpty();
    assertThat(context.resolve("", null, () -> "example-a")).isEmpty();
    assertThat(PatientContext.requestsPatient("launch/patients")).isFalse();
  }
}
