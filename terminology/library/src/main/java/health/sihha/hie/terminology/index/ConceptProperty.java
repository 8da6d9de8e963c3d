package health.sihha.hie.terminology.index;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Type;

/** One property value of a concept, as declared in {@code CodeSystem.property}. Treated as immutable. */
public record ConceptProperty(String code, Type value) {

  /** The value as text: a code, a string, a number, a boolean or a coding's code. */
  public String valueAsText() {
    if (value instanceof Coding coding) {
      return coding.getCode();
    }
    return value.primitiveValue();
  }
}
