package health.sihha.bench.synthea;

import health.sihha.hie.ig.NationalIdentifiers;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Patient.PatientCommunicationComponent;

/**
 * What a Synthea record needs before a Sihha provider takes it, as an HIE's intake would map a legacy feed: every
 * Patient gets the national identifier the Implementation Guide requires (derived from its SSN), and two coding
 * mistakes of Synthea 2.x that the FHIR specification itself refuses are corrected: the Observation category
 * {@code vital-sign} (the code is {@code vital-signs}) and the language system
 * {@code http://id.loc.gov/vocabulary/iso639-1} (FHIR's is {@code urn:ietf:bcp:47}, whose two-letter codes are the
 * same). Synthea's malformed UCUM unit {@code (score)} is left alone: the servers accept it with a warning.
 */
public final class SyntheaRecordFixes {

  static final String OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
  static final String LEGACY_LANGUAGES = "http://id.loc.gov/vocabulary/iso639-1";
  static final String LANGUAGES = "urn:ietf:bcp:47";

  private SyntheaRecordFixes() {}

  /** Fixes the bundle in place and says how many elements changed. */
  public static int apply(Bundle bundle) {
    int fixed = 0;
    for (BundleEntryComponent entry : bundle.getEntry()) {
      if (entry.getResource() instanceof Patient patient) {
        fixed += NationalIdentifiers.deriveFromSsn(patient) ? 1 : 0;
        for (PatientCommunicationComponent communication : patient.getCommunication()) {
          fixed += fixLanguage(communication.getLanguage());
        }
      } else if (entry.getResource() instanceof Observation observation) {
        for (CodeableConcept category : observation.getCategory()) {
          fixed += fixCategory(category);
        }
      }
    }
    return fixed;
  }

  private static int fixCategory(CodeableConcept category) {
    int fixed = 0;
    for (Coding coding : category.getCoding()) {
      if (OBSERVATION_CATEGORY.equals(coding.getSystem()) && "vital-sign".equals(coding.getCode())) {
        coding.setCode("vital-signs");
        fixed++;
      }
    }
    return fixed;
  }

  private static int fixLanguage(CodeableConcept language) {
    int fixed = 0;
    for (Coding coding : language.getCoding()) {
      if (LEGACY_LANGUAGES.equals(coding.getSystem())) {
        coding.setSystem(LANGUAGES);
        fixed++;
      }
    }
    return fixed;
  }
}
