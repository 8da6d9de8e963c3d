package health.sihha.hie.ministry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class ReadOnlyStoreTest extends MinistryServerTest {

  @Test
  void directWritesToTheNationalStoreAreRefused() {
    assertThatThrownBy(() -> nationalStore().create().resource(new Patient().setActive(true)).execute())
        .isInstanceOf(MethodNotAllowedException.class)
        .hasMessageContaining("SIHHA-1101");
  }

  @Test
  void onlyTheRegistryOperationsArePosted() {
    assertThatThrownBy(() -> nationalStore().operation().onType(Patient.class).named("$match-candidates")
        .withNoParameters(Parameters.class).execute())
        .isInstanceOf(MethodNotAllowedException.class)
        .hasMessageContaining("SIHHA-1101");
    assertThatThrownBy(() -> nationalStore().operation().onType(Patient.class).named("$link-decision")
        .withNoParameters(Parameters.class).execute())
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("SIHHA-1130");
  }

  @Test
  void capabilityStatementNamesTheMinistry() {
    CapabilityStatement statement = nationalStore().capabilities().ofType(CapabilityStatement.class).execute();
    assertThat(statement.getTitle()).isEqualTo("Test Ministry of Health");
    assertThat(statement.getSoftware().getName()).isEqualTo("Sihha HIE ministry");
  }
}
