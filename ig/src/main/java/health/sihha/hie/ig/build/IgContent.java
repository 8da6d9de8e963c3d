package health.sihha.hie.ig.build;

import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

/** The IG's source: the conformance resources (profiles, extensions, terminology, capabilities) and the examples. */
record IgContent(List<Resource> conformance, List<Resource> examples) {

  IgContent {
    conformance = List.copyOf(conformance);
    examples = List.copyOf(examples);
  }

  List<StructureDefinition> structureDefinitions() {
    return conformance.stream().filter(StructureDefinition.class::isInstance).map(StructureDefinition.class::cast)
        .toList();
  }

  /** The same content with each structure definition replaced by the one of the same URL in {@code definitions}. */
  IgContent withStructureDefinitions(List<StructureDefinition> definitions) {
    List<Resource> replaced = conformance.stream()
        .map(r -> r instanceof StructureDefinition sd ? sameUrl(definitions, sd) : r)
        .toList();
    return new IgContent(replaced, examples);
  }

  private static Resource sameUrl(List<StructureDefinition> definitions, StructureDefinition original) {
    return definitions.stream().filter(d -> d.getUrl().equals(original.getUrl())).findFirst().orElse(original);
  }
}
