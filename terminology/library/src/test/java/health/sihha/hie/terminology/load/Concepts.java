package health.sihha.hie.terminology.load;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;

/** Test helpers to look concepts and property values up in a loaded code system. */
public final class Concepts {

  private final Map<String, ConceptDefinitionComponent> byCode = new HashMap<>();
  private final Map<String, String> parentOf = new HashMap<>();

  public Concepts(CodeSystem codeSystem) {
    index(codeSystem.getConcept(), null);
  }

  private void index(List<ConceptDefinitionComponent> concepts, String parent) {
    for (ConceptDefinitionComponent concept : concepts) {
      if (byCode.put(concept.getCode(), concept) != null) {
        throw new AssertionError("code " + concept.getCode() + " appears twice");
      }
      if (parent != null) {
        parentOf.put(concept.getCode(), parent);
      }
      index(concept.getConcept(), concept.getCode());
    }
  }

  public int size() {
    return byCode.size();
  }

  public ConceptDefinitionComponent get(String code) {
    ConceptDefinitionComponent concept = byCode.get(code);
    if (concept == null) {
      throw new AssertionError("no concept " + code);
    }
    return concept;
  }

  public boolean contains(String code) {
    return byCode.containsKey(code);
  }

  public Optional<String> parent(String code) {
    return Optional.ofNullable(parentOf.get(code));
  }

  public Map<String, ConceptDefinitionComponent> all() {
    return byCode;
  }

  /** The values of a property, as strings (primitive values) or codes. */
  public List<String> property(String code, String property) {
    return get(code).getProperty().stream()
        .filter(p -> p.getCode().equals(property))
        .map(ConceptPropertyComponent::getValue)
        .map(value -> value.primitiveValue())
        .toList();
  }
}
