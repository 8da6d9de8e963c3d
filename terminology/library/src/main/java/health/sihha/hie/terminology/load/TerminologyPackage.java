package health.sihha.hie.terminology.load;

import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * What one load of a terminology distribution produces: the code system version, and the value sets and concept maps
 * published with it (a common-units value set for UCUM, an NDC map for RxNorm, ...).
 */
public record TerminologyPackage(CodeSystem codeSystem, List<ValueSet> valueSets, List<ConceptMap> conceptMaps) {

  public TerminologyPackage {
    valueSets = List.copyOf(valueSets);
    conceptMaps = List.copyOf(conceptMaps);
  }

  public static TerminologyPackage of(CodeSystem codeSystem) {
    return new TerminologyPackage(codeSystem, List.of(), List.of());
  }
}
