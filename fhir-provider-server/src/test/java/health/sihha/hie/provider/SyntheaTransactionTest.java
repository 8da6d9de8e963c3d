package health.sihha.hie.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import health.sihha.hie.ig.NationalIdentifiers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResourceType;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class SyntheaTransactionTest extends ProviderServerTest {

  @Autowired
  private JdbcTemplate jdbc;

  @Test
  void storesAWholeSyntheaPatientInOneTransactionGivesItBackWithEverythingAndAnchorsEachVersionAsStored()
      throws Exception {
    Path file = SharedData.firstPatientBundle();
    Bundle transaction = fhirContext.newJsonParser().parseResource(Bundle.class, Files.readString(file));
    transaction.getEntry().stream().map(BundleEntryComponent::getResource).filter(Patient.class::isInstance)
        .forEach(patient -> NationalIdentifiers.deriveFromSsn((Patient) patient));
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

    Map<String, Long> everything = everythingOf(patientId);
    Map<String, Long> sent = transaction.getEntry().stream()
        .collect(Collectors.groupingBy(e -> e.getResource().fhirType(), Collectors.counting()));
    for (String type : List.of("Patient", "Encounter", "Observation", "Condition", "Procedure", "Immunization",
        "DiagnosticReport", "MedicationRequest", "Claim", "ExplanationOfBenefit")) {
      assertThat(everything.getOrDefault(type, 0L)).as(type).isEqualTo(sent.getOrDefault(type, 0L));
    }

    // the ledger hashes each version as it is written: $verify hashes it again as stored, and must agree
    await().atMost(Duration.ofSeconds(60))
        .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM SIHHA_LEDGER_QUEUE", Long.class) == 0);
    assertThat(response.getEntry()).allSatisfy(entry -> assertThat(verified(entry.getResponse().getLocation()))
        .as(entry.getResponse().getLocation()).isTrue());
  }

  private boolean verified(String versionedLocation) {
    IdType version = new IdType(versionedLocation);
    Parameters verdict = client().operation().onInstance(version.toUnqualifiedVersionless()).named("$verify")
        .withParameter(Parameters.class, "version", new StringType(version.getVersionIdPart())).useHttpGet()
        .execute();
    return ((BooleanType) verdict.getParameter("valid").getValue()).booleanValue();
  }

  /** Resource counts by type of every page of {@code Patient/<id>/$everything}. */
  private Map<String, Long> everythingOf(String patientId) {
    Bundle page = client().operation().onInstance("Patient/" + patientId).named("$everything")
        .withParameter(Parameters.class, "_count", new IntegerType(500)).returnResourceType(Bundle.class).execute();
    Map<String, Long> counts = new HashMap<>();
    while (true) {
      page.getEntry().forEach(e -> counts.merge(e.getResource().fhirType(), 1L, Long::sum));
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return counts;
      }
      page = client().loadPage().next(page).execute();
    }
  }
}
