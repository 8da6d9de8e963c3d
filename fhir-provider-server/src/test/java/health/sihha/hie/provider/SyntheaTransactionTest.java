package health.sihha.hie.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResourceType;
import org.junit.jupiter.api.Test;

class SyntheaTransactionTest extends ProviderServerTest {

  @Test
  void storesAWholeSyntheaPatientInOneTransaction() throws Exception {
    Path file = SharedData.firstPatientBundle();
    Bundle transaction = fhirContext.newJsonParser().parseResource(Bundle.class, Files.readString(file));
    long encounters = transaction.getEntry().stream()
        .filter(e -> e.getResource().getResourceType() == ResourceType.Encounter).count();

    Bundle response = client().transaction().withBundle(transaction).execute();

    assertThat(response.getEntry()).hasSize(transaction.getEntry().size());
    assertThat(response.getEntry()).map(BundleEntryComponent::getResponse)
        .allSatisfy(r -> assertThat(r.getStatus()).startsWith("201"));
    String patientId = response.getEntry().stream().map(e -> e.getResponse().getLocation())
        .filter(l -> l.startsWith("Patient/")).findFirst().orElseThrow().split("/")[1];
    Bundle patientEncounters = client().search().forResource(Encounter.class)
        .where(Encounter.SUBJECT.hasId("Patient/" + patientId)).count(1000).returnBundle(Bundle.class).execute();
    assertThat(patientEncounters.getEntry()).hasSize((int) encounters);
    assertThat(client().read().resource(Patient.class).withId(patientId).execute().getName()).isNotEmpty();
  }
}
