package health.sihha.hie.terminology.load.rxnorm;

import health.sihha.hie.terminology.load.CodeSystems;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.ConceptMap.SourceElementComponent;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.UriType;

/**
 * Collects the NDC → RxNorm pairs asserted by NLM into the {@code ndc-to-rxnorm} ConceptMap, so that NDC-coded
 * medications can be translated to RxNorm.
 */
final class NdcMap {

  static final String URL = "http://sihha.health/fhir/ConceptMap/ndc-to-rxnorm";
  static final String NDC = "http://hl7.org/fhir/sid/ndc";

  private final Map<String, SourceElementComponent> elements = new LinkedHashMap<>();
  private final Map<String, ConceptDefinitionComponent> concepts;

  NdcMap(Map<String, ConceptDefinitionComponent> concepts) {
    this.concepts = concepts;
  }

  /** Adds a pair; returns false when the RXCUI is not a loaded concept (the pair is then left out). */
  boolean add(String ndc, String rxcui) {
    ConceptDefinitionComponent target = concepts.get(rxcui);
    if (target == null) {
      return false;
    }
    SourceElementComponent element = elements.computeIfAbsent(ndc, code -> new SourceElementComponent().setCode(code));
    if (element.getTarget().stream().noneMatch(t -> t.getCode().equals(rxcui))) {
      element
          .addTarget()
          .setCode(rxcui)
          .setDisplay(target.getDisplay())
          .setEquivalence(ConceptMapEquivalence.EQUIVALENT);
    }
    return true;
  }

  boolean isEmpty() {
    return elements.isEmpty();
  }

  ConceptMap build(String version) {
    ConceptMap map = new ConceptMap();
    map.setUrl(URL);
    map.setVersion(version);
    map.setName("NdcToRxNorm");
    map.setTitle("NDC to RxNorm");
    map.setStatus(PublicationStatus.ACTIVE);
    map.setExperimental(false);
    map.setPublisher("Sihha HIE, from the U.S. National Library of Medicine RxNorm release");
    map.setDescription("The NDC package codes RxNorm asserts for its drugs, release " + version);
    map.setSource(new UriType(NDC + "?fhir_vs"));
    map.setTarget(new UriType(RxNormLoader.SYSTEM + "?fhir_vs"));
    ConceptMapGroupComponent group = map.addGroup();
    group.setSource(NDC);
    group.setTarget(RxNormLoader.SYSTEM);
    group.setTargetVersion(version);
    group.getElement().addAll(elements.values());
    return map;
  }
}
