package health.sihha.hie.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class CrudAndSearchTest extends ProviderServerTest {

  @Test
  void createsReadsUpdatesSearchesAndDeletes() {
    IGenericClient client = client();
    Patient patient = newPatient("Benali");
    patient.setGender(AdministrativeGender.FEMALE);
    patient.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.1").setValue("crud-001");

    MethodOutcome created = client.create().resource(patient).execute();
    assertThat(created.getCreated()).isTrue();
    Patient read = client.read().resource(Patient.class).withId(created.getId().getIdPart()).execute();
    assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Benali");

    read.getNameFirstRep().setFamily("Benali-Haddad");
    MethodOutcome updated = client.update().resource(read).execute();
    assertThat(updated.getId().getVersionIdPart()).isEqualTo("2");

    Bundle byName = client.search().forResource(Patient.class).where(Patient.FAMILY.matches().value("Benali-Haddad"))
        .returnBundle(Bundle.class).execute();
    assertThat(byName.getEntry()).hasSize(1);
    Bundle byIdentifier = client.search().forResource(Patient.class)
        .where(Patient.IDENTIFIER.exactly().systemAndIdentifier("urn:oid:2.16.840.1.113883.4.1", "crud-001"))
        .returnBundle(Bundle.class).execute();
    assertThat(byIdentifier.getEntry()).hasSize(1);

    client.delete().resourceById(created.getId().toUnqualifiedVersionless()).execute();
    assertThatThrownBy(() -> client.read().resource(Patient.class).withId(created.getId().getIdPart()).execute())
        .isInstanceOf(ResourceGoneException.class);
  }

  @Test
  void searchesObservationsBySubjectAndCode() {
    IGenericClient client = client();
    String patientId = createPatient("Observed");
    Observation glucose = new Observation();
    glucose.setStatus(Observation.ObservationStatus.FINAL);
    glucose.getCode().addCoding().setSystem("http://loinc.org").setCode("2339-0");
    glucose.setSubject(new Reference("Patient/" + patientId));
    client.create().resource(glucose).execute();

    Bundle found = client.search().forResource(Observation.class)
        .where(Observation.SUBJECT.hasId("Patient/" + patientId))
        .and(Observation.CODE.exactly().systemAndCode("http://loinc.org", "2339-0"))
        .returnBundle(Bundle.class).execute();
    assertThat(found.getEntry()).hasSize(1);
  }

  @Test
  void capabilityStatementNamesTheProvider() {
    CapabilityStatement statement = client().capabilities().ofType(CapabilityStatement.class).execute();
    assertThat(statement.getName()).isEqualTo("ProviderTest");
    assertThat(statement.getTitle()).isEqualTo("Provider Test Hospital");
    assertThat(statement.getSoftware().getName()).isEqualTo("Sihha HIE provider");
    assertThat(statement.getInstantiates()).extracting(CanonicalType::getValue)
        .containsExactly("https://sihha.health/fhir/CapabilityStatement/sihha-provider");
    assertThat(statement.getRestFirstRep().getResource()).anySatisfy(resource -> {
      assertThat(resource.getType()).isEqualTo("Location");
      assertThat(resource.getSupportedProfile()).extracting(CanonicalType::getValue)
          .contains("https://sihha.health/fhir/StructureDefinition/sihha-location-bed");
    });
  }
}
