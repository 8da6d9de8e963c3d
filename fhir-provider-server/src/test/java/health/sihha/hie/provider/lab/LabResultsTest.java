package health.sihha.hie.provider.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.provider.ProviderServerTest;
import java.math.BigDecimal;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationReferenceRangeComponent;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class LabResultsTest extends ProviderServerTest {

  private static final String INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

  @Test
  void storesAReportWithItsResultsInOneTransactionAndInterpretsThem() {
    String patient = createPatient("Lab-One");
    Observation glucose = result(patient, "2345-7", "Glucose [Mass/volume] in Serum or Plasma", "250", "mg/dL")
        .addReferenceRange(range("70", "100", "mg/dL"));
    Observation potassium = result(patient, "2823-3", "Potassium [Moles/volume] in Serum or Plasma", "2.1", "mmol/L")
        .addReferenceRange(range("3.5", "5.1", "mmol/L"))
        .addReferenceRange(range("2.5", "6.5", "mmol/L").setType(critical()));
    Observation sodium = result(patient, "2951-2", "Sodium [Moles/volume] in Serum or Plasma", "140", "mmol/L")
        .addReferenceRange(range("136", "145", "mmol/L"));

    Bundle response = client().transaction().withBundle(reportTransaction(patient, glucose, potassium, sodium))
        .execute();

    assertThat(response.getEntry()).hasSize(4).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
    assertThat(interpretationOf(response, 1)).isEqualTo("H");
    assertThat(interpretationOf(response, 2)).isEqualTo("LL");
    assertThat(interpretationOf(response, 3)).isEqualTo("N");
    DiagnosticReport report = client().read().resource(DiagnosticReport.class)
        .withUrl(response.getEntry().get(0).getResponse().getLocation()).execute();
    assertThat(report.getResult()).hasSize(3);
  }

  @Test
  void convertsTheRangeToTheUnitOfTheValue() {
    String patient = createPatient("Lab-Units");
    Observation glucose = result(patient, "2345-7", "Glucose", "65", "mg/dL")
        .addReferenceRange(range("0.7", "1.0", "g/L"));

    Observation stored = create(glucose);

    assertThat(stored.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("L");
  }

  @Test
  void keepsTheSendersInterpretationAndLeavesIncomparableRangesAlone() {
    String patient = createPatient("Lab-Kept");
    Observation given = result(patient, "2345-7", "Glucose", "250", "mg/dL")
        .addReferenceRange(range("70", "100", "mg/dL"));
    given.addInterpretation(new CodeableConcept(new Coding(INTERPRETATION, "A", "Abnormal")));
    Observation molar = result(patient, "2345-7", "Glucose", "5.2", "mmol/L")
        .addReferenceRange(range("70", "100", "mg/dL"));
    Observation byAge = result(patient, "2345-7", "Glucose", "250", "mg/dL");
    byAge.addReferenceRange(range("70", "100", "mg/dL")).getReferenceRangeFirstRep().getAge().getLow().setValue(18);

    assertThat(create(given).getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("A");
    assertThat(create(molar).hasInterpretation()).isFalse();
    assertThat(create(byAge).hasInterpretation()).isFalse();
  }

  @Test
  void refusesAReportGroupingAnotherPatientsResultsAndStoresNothing() {
    String patient = createPatient("Lab-Mine");
    String other = createPatient("Lab-Other");
    Observation mine = result(patient, "2345-7", "Glucose", "90", "mg/dL");
    Observation theirs = result(other, "2951-2", "Sodium", "140", "mmol/L");
    Bundle transaction = reportTransaction(patient, mine, theirs);

    assertThatThrownBy(() -> client().transaction().withBundle(transaction).execute())
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("SIHHA-1280");

    Bundle stored = client().search().forResource(Observation.class)
        .where(Observation.SUBJECT.hasId("Patient/" + other)).returnBundle(Bundle.class).execute();
    assertThat(stored.getEntry()).isEmpty();
  }

  @Test
  void refusesAReportGroupingAnotherPatientsStoredResultAlongsideItsOwn() {
    String patient = createPatient("Lab-Stored-Mine");
    String other = createPatient("Lab-Stored-Other");
    String storedOwn = create(result(patient, "2951-2", "Sodium", "139", "mmol/L")).getIdElement()
        .toUnqualifiedVersionless().getValue();
    String storedTheirs = create(result(other, "2951-2", "Sodium", "141", "mmol/L")).getIdElement()
        .toUnqualifiedVersionless().getValue();
    Bundle accepted = reportTransaction(patient, result(patient, "2345-7", "Glucose", "91", "mg/dL"));
    ((DiagnosticReport) accepted.getEntryFirstRep().getResource()).addResult(new Reference(storedOwn));
    Bundle refused = reportTransaction(patient, result(patient, "2345-7", "Glucose", "92", "mg/dL"));
    ((DiagnosticReport) refused.getEntryFirstRep().getResource()).addResult(new Reference(storedTheirs));

    assertThat(client().transaction().withBundle(accepted).execute().getEntry()).hasSize(2);
    assertThatThrownBy(() -> client().transaction().withBundle(refused).execute())
        .isInstanceOf(UnprocessableEntityException.class)
        .hasMessageContaining("SIHHA-1280")
        .hasMessageContaining(storedTheirs + " is about Patient/" + other);
  }

  private Observation create(Observation observation) {
    IGenericClient client = client();
    return (Observation) client.create().resource(observation).execute().getResource();
  }

  private static Bundle reportTransaction(String patient, Observation... results) {
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    DiagnosticReport report = new DiagnosticReport().setStatus(DiagnosticReportStatus.FINAL)
        .setSubject(new Reference("Patient/" + patient));
    report.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v2-0074").setCode("LAB");
    report.getCode().addCoding().setSystem("http://loinc.org").setCode("24323-8")
        .setDisplay("Comprehensive metabolic 2000 panel - Serum or Plasma");
    add(transaction, report);
    for (Observation result : results) {
      report.addResult(new Reference(add(transaction, result)));
    }
    return transaction;
  }

  private static String add(Bundle transaction, Resource resource) {
    String fullUrl = "urn:uuid:" + UUID.randomUUID();
    transaction.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest().setMethod(HTTPVerb.POST)
        .setUrl(resource.fhirType());
    return fullUrl;
  }

  private static Observation result(String patient, String loinc, String display, String value, String unit) {
    Observation observation = new Observation().setStatus(ObservationStatus.FINAL);
    observation.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
        .setCode("laboratory");
    observation.getCode().addCoding().setSystem("http://loinc.org").setCode(loinc).setDisplay(display);
    observation.setSubject(new Reference("Patient/" + patient));
    observation.setValue(quantity(value, unit));
    return observation;
  }

  private static ObservationReferenceRangeComponent range(String low, String high, String unit) {
    return new ObservationReferenceRangeComponent().setLow(quantity(low, unit)).setHigh(quantity(high, unit));
  }

  private static Quantity quantity(String value, String unit) {
    return new Quantity().setValue(new BigDecimal(value)).setUnit(unit).setSystem("http://unitsofmeasure.org")
        .setCode(unit);
  }

  private static CodeableConcept critical() {
    return new CodeableConcept(new Coding("https://sihha.health/fhir/CodeSystem/reference-range-type", "critical",
        "Critical range"));
  }

  private String interpretationOf(Bundle response, int entry) {
    Observation stored = client().read().resource(Observation.class)
        .withUrl(response.getEntry().get(entry).getResponse().getLocation()).execute();
    assertThat(stored.getInterpretationFirstRep().getCodingFirstRep().getSystem()).isEqualTo(INTERPRETATION);
    return stored.getInterpretationFirstRep().getCodingFirstRep().getCode();
  }
}
