package health.sihha.hie.ig;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class NationalIdentifiersTest {

  @Test
  void derivesTheNationalIdentifierFromTheSsnDigits() {
    Patient patient = new Patient();
    patient.addIdentifier().setSystem(NationalIdentifiers.US_SSN_SYSTEM).setValue("999-71-5436");

    assertThat(NationalIdentifiers.deriveFromSsn(patient)).isTrue();

    assertThat(NationalIdentifiers.of(patient)).map(Identifier::getValue).hasValue("999715436");
    assertThat(NationalIdentifiers.deriveFromSsn(patient)).isFalse();
    assertThat(patient.getIdentifier()).hasSize(2);
  }

  @Test
  void leavesAPatientWithoutSsnOrWithANationalIdentifierAlone() {
    Patient withoutSsn = new Patient();
    withoutSsn.addIdentifier().setSystem("http://hospital.smarthealthit.org").setValue("42");
    Patient national = new Patient();
    national.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue("123");
    national.addIdentifier().setSystem(NationalIdentifiers.US_SSN_SYSTEM).setValue("999-00-0000");

    assertThat(NationalIdentifiers.deriveFromSsn(withoutSsn)).isFalse();
    assertThat(NationalIdentifiers.deriveFromSsn(national)).isFalse();
    assertThat(NationalIdentifiers.of(withoutSsn)).isEmpty();
    assertThat(NationalIdentifiers.of(national)).map(Identifier::getValue).hasValue("123");
  }
}
