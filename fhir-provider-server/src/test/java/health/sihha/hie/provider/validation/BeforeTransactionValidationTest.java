package health.sihha.hie.provider.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.provider.ProviderServerTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a transaction writes is validated before HAPI opens its database transaction, each entry exactly once; a
 * batch's entries are validated at storage, where each succeeds or fails alone.
 */
class BeforeTransactionValidationTest extends ProviderServerTest {

  @Autowired
  MeterRegistry meters;

  @Test
  void aTransactionsEntriesAreValidatedOnceEachBeforeItOpens() {
    Patient existing = newPatient("Updated-In-Transaction");
    existing.setId(client().create().resource(existing).execute().getId().toUnqualifiedVersionless());
    existing.getNameFirstRep().addGiven("Second");
    Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
    String patientUrl = post(transaction, newPatient("Validated-Before"));
    post(transaction, lab(patientUrl, "Validated-Before-Result"));
    transaction.addEntry().setFullUrl(existing.getIdElement().getValue()).setResource(existing).getRequest()
        .setMethod(HTTPVerb.PUT).setUrl(existing.getIdElement().getValue());
    double before = validated("before-transaction");
    double atStorage = validated("at-storage");

    Bundle response = client().transaction().withBundle(transaction).execute();

    assertThat(response.getEntry()).extracting(entry -> entry.getResponse().getStatus().substring(0, 3))
        .containsExactly("201", "201", "200");
    assertThat(validated("before-transaction") - before).isEqualTo(3);
    assertThat(validated("at-storage") - atStorage).isZero();
  }

  @Test
  void theFirstNonConformingEntryRefusesTheTransactionAndNothingIsStored() {
    Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
    String family = "Refused-With-Its-Transaction-" + UUID.randomUUID();
    String patientUrl = post(transaction, newPatient(family));
    Observation noCode = lab(patientUrl, "Without-Code");
    noCode.setCode(null);
    post(transaction, noCode);
    Patient noNationalId = new Patient();
    noNationalId.addName().setFamily(family);
    post(transaction, noNationalId);

    assertThatThrownBy(() -> client().transaction().withBundle(transaction).execute())
        .isInstanceOfSatisfying(UnprocessableEntityException.class, refused -> {
          OperationOutcome outcome = (OperationOutcome) refused.getOperationOutcome();
          assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("SIHHA-1200: Observation");
          assertThat(outcome.getIssue()).anyMatch(issue -> issue.getDiagnostics().contains("Observation.code"));
        });
    Bundle stored = client().search().forResource(Patient.class)
        .where(Patient.FAMILY.matchesExactly().value(family)).returnBundle(Bundle.class).execute();
    assertThat(stored.getEntry()).isEmpty();
  }

  @Test
  void aBatchsEntriesAreValidatedOneByOneAtStorage() {
    Bundle batch = new Bundle().setType(BundleType.BATCH);
    post(batch, newPatient("Valid-In-Batch"));
    Patient noNationalId = new Patient();
    noNationalId.addName().setFamily("Invalid-In-Batch");
    post(batch, noNationalId);
    double before = validated("before-transaction");
    double atStorage = validated("at-storage");

    Bundle response = client().transaction().withBundle(batch).execute();

    assertThat(response.getEntry()).extracting(entry -> entry.getResponse().getStatus().substring(0, 3))
        .containsExactly("201", "422");
    assertThat(validated("before-transaction") - before).isZero();
    assertThat(validated("at-storage") - atStorage).isEqualTo(2);
  }

  private double validated(String stage) {
    return meters.counter("sihha.validation.resources", "stage", stage).count();
  }

  private static String post(Bundle transaction, Resource resource) {
    String fullUrl = "urn:uuid:" + UUID.randomUUID();
    transaction.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest()
        .setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
    return fullUrl;
  }

  private static Observation lab(String subject, String note) {
    Observation observation = new Observation().setStatus(ObservationStatus.FINAL)
        .setEffective(new DateTimeType("2026-12-07T08:00:00Z"));
    observation.getSubject().setReference(subject);
    observation.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
        .setCode("laboratory");
    observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");
    observation.setValue(new Quantity().setValue(new BigDecimal("98")).setUnit("mg/dL")
        .setSystem("http://unitsofmeasure.org").setCode("mg/dL"));
    observation.addNote().setText(note);
    return observation;
  }
}
