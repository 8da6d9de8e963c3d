package health.sihha.hie.provider.lab;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** The interpretations a numeric result gets from its reference ranges (HL7 v3 ObservationInterpretation). */
enum Interpretation {
  CRITICAL_LOW("LL", "Critical low"),
  LOW("L", "Low"),
  NORMAL("N", "Normal"),
  HIGH("H", "High"),
  CRITICAL_HIGH("HH", "Critical high");

  static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

  private final String code;
  private final String display;

  Interpretation(String code, String display) {
    this.code = code;
    this.display = display;
  }

  CodeableConcept toCodeableConcept() {
    return new CodeableConcept(new Coding(SYSTEM, code, display)).setText(display);
  }
}
