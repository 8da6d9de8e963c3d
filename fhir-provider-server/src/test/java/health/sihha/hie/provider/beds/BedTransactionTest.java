package health.sihha.hie.provider.beds;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import health.sihha.hie.provider.ProviderServerTest;
import health.sihha.hie.provider.encounter.EncounterLifecycle;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** Admissions inside transaction Bundles: references resolved before the bed checks, all or nothing. */
class BedTransactionTest extends ProviderServerTest {

  private static final String MRN = "urn:sihha:test:mrn";

  @Test
  void admitsANewPatientInOneTransaction() {
    Ward ward = new Ward(client(), "Maternity");
    String bed = ward.bed("Bed 1", ward.room("Room 1"), "U");
    String mrn = UUID.randomUUID().toString();

    Bundle response = client().transaction().withBundle(admissions(ward, mrn, bed)).execute();

    assertThat(response.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
    assertThat(ward.status(bed)).isEqualTo("O");
    assertThat(ward.hospitalizationsIn(bed)).hasSize(1);
    assertThat(patients(mrn)).isEqualTo(1);
  }

  @Test
  void aRefusedAdmissionRollsTheWholeBundleBack() {
    Ward ward = new Ward(client(), "Pediatrics");
    String room = ward.room("Room 1");
    String free = ward.bed("Bed 1", room, "U");
    String closed = ward.bed("Bed 2", room, "C");
    String mrn = UUID.randomUUID().toString();

    Ward.assertRefused(() -> client().transaction().withBundle(admissions(ward, mrn, free, closed)).execute(), 409,
        1220);

    assertThat(ward.status(free)).isEqualTo("U");
    assertThat(ward.status(closed)).isEqualTo("C");
    assertThat(patients(mrn)).isZero();
    assertThat(ward.census()).isEqualTo(Ward.census(2, 0, 1, 0, 1));
  }

  @Test
  void twoAdmissionsToOneBedInOneBundleAreRefused() {
    Ward ward = new Ward(client(), "Geriatrics");
    String bed = ward.bed("Bed 1", ward.room("Room 1"), "U");
    String mrn = UUID.randomUUID().toString();

    Ward.assertRefused(() -> client().transaction().withBundle(admissions(ward, mrn, bed, bed)).execute(), 409,
        1220);

    assertThat(ward.status(bed)).isEqualTo("U");
    assertThat(patients(mrn)).isZero();
  }

  @Test
  void aFinishedSyntheaStyleHospitalizationWithoutLocationLoads() {
    Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
    String patient = "urn:uuid:" + UUID.randomUUID();
    add(bundle, patient, newPatient("Synthea").addIdentifier(new Identifier().setSystem(MRN).setValue("synthea")));
    Encounter history = new Encounter().setStatus(EncounterStatus.FINISHED)
        .setClass_(new Coding(EncounterLifecycle.ACT_CODE, "IMP", null))
        .setSubject(new Reference(patient))
        .setPeriod(new Period().setStartElement(new DateTimeType("2019-03-01T10:00:00Z"))
            .setEndElement(new DateTimeType("2019-03-05T10:00:00Z")));
    add(bundle, "urn:uuid:" + UUID.randomUUID(), history);

    Bundle response = client().transaction().withBundle(bundle).execute();

    assertThat(response.getEntry()).allSatisfy(e -> assertThat(e.getResponse().getStatus()).startsWith("201"));
  }

  /** A new patient (urn:uuid) and one in-progress hospitalization referencing it per bed. */
  private static Bundle admissions(Ward ward, String mrn, String... beds) {
    Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
    String patient = "urn:uuid:" + UUID.randomUUID();
    add(bundle, patient, newPatient("Admitted").addIdentifier(new Identifier().setSystem(MRN).setValue(mrn)));
    for (String bed : beds) {
      Encounter admission = ward.admission("unused", bed).setSubject(new Reference(patient));
      add(bundle, "urn:uuid:" + UUID.randomUUID(), admission);
    }
    return bundle;
  }

  private static void add(Bundle bundle, String fullUrl, Resource resource) {
    bundle.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest()
        .setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
  }

  private int patients(String mrn) {
    return client().search().forResource(Patient.class).where(Patient.IDENTIFIER.exactly().systemAndCode(MRN, mrn))
        .cacheControl(new CacheControlDirective().setNoCache(true)).returnBundle(Bundle.class).execute()
        .getEntry().size();
  }
}
