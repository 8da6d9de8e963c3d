package health.sihha.hie.terminology.load;

import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemHierarchyMeaning;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;

/**
 * The conventions every loader follows when it builds a CodeSystem (header elements, declared properties, synonym
 * designations, boolean flags), kept in one place so that the index built on top sees uniform resources.
 */
public final class CodeSystems {

  /** The designation use for short names and synonyms. */
  public static final String SNOMED = "http://snomed.info/sct";

  public static final String SYNONYM_CODE = "900000000000013009";
  public static final String INACTIVE = "inactive";
  public static final String NOT_SELECTABLE = "notSelectable";

  private CodeSystems() {}

  /** The header of a code system; {@code count} is set by {@link #finish(CodeSystem)}. */
  public static CodeSystem create(CodeSystemHeader header) {
    CodeSystem codeSystem = new CodeSystem();
    codeSystem.setUrl(header.url());
    codeSystem.setVersion(header.version());
    codeSystem.setName(header.name());
    codeSystem.setTitle(header.title());
    codeSystem.setStatus(PublicationStatus.ACTIVE);
    codeSystem.setExperimental(false);
    codeSystem.setPublisher(header.publisher());
    codeSystem.setCopyright(header.copyright());
    codeSystem.setContent(header.content());
    codeSystem.setCaseSensitive(header.caseSensitive());
    if (header.hierarchical()) {
      codeSystem.setHierarchyMeaning(CodeSystemHierarchyMeaning.ISA);
    }
    return codeSystem;
  }

  /** Declares a concept property. */
  public static void declare(CodeSystem codeSystem, String code, PropertyType type, String description) {
    codeSystem.addProperty().setCode(code).setType(type).setDescription(description);
  }

  /** Declares the standard {@code inactive} property. */
  public static void declareInactive(CodeSystem codeSystem) {
    codeSystem
        .addProperty()
        .setCode(INACTIVE)
        .setUri("http://hl7.org/fhir/concept-properties#inactive")
        .setType(PropertyType.BOOLEAN)
        .setDescription("True when the concept is deprecated or retired");
  }

  /** Declares the standard {@code notSelectable} property. */
  public static void declareNotSelectable(CodeSystem codeSystem) {
    codeSystem
        .addProperty()
        .setCode(NOT_SELECTABLE)
        .setUri("http://hl7.org/fhir/concept-properties#notSelectable")
        .setType(PropertyType.BOOLEAN)
        .setDescription("True for grouping concepts (chapters, blocks) that are not codes to record");
  }

  /** A new concept. */
  public static ConceptDefinitionComponent concept(String code, String display) {
    return new ConceptDefinitionComponent().setCode(code).setDisplay(display);
  }

  /** Adds an English synonym (a short name or another name), unless it is blank or equal to the display. */
  public static void addSynonym(ConceptDefinitionComponent concept, String value) {
    if (!value.isBlank() && !value.equals(concept.getDisplay())) {
      boolean known = concept.getDesignation().stream().anyMatch(d -> d.getValue().equals(value));
      if (!known) {
        concept.addDesignation().setLanguage("en").setUse(synonym()).setValue(value);
      }
    }
  }

  /** Adds a designation in another language (a BCP-47 code such as {@code fr-FR}). */
  public static void addDesignation(ConceptDefinitionComponent concept, String language, String value) {
    concept.addDesignation().setLanguage(language).setValue(value);
  }

  /** The designation use for synonyms. */
  public static Coding synonym() {
    return new Coding(SNOMED, SYNONYM_CODE, "Synonym");
  }

  public static void addString(ConceptDefinitionComponent concept, String property, String value) {
    if (!value.isEmpty()) {
      concept.addProperty().setCode(property).setValue(new StringType(value));
    }
  }

  public static void addCode(ConceptDefinitionComponent concept, String property, String value) {
    if (!value.isEmpty()) {
      concept.addProperty().setCode(property).setValue(new CodeType(value));
    }
  }

  public static void addBoolean(ConceptDefinitionComponent concept, String property, boolean value) {
    concept.addProperty().setCode(property).setValue(new BooleanType(value));
  }

  public static void addInteger(ConceptDefinitionComponent concept, String property, int value) {
    concept.addProperty().setCode(property).setValue(new IntegerType(value));
  }

  /** Sets {@code count} to the number of concepts at every level and returns the code system. */
  public static CodeSystem finish(CodeSystem codeSystem) {
    codeSystem.setCount(count(codeSystem.getConcept()));
    return codeSystem;
  }

  /** The number of concepts in a list of concepts and their nested children. */
  public static int count(List<ConceptDefinitionComponent> concepts) {
    int count = concepts.size();
    for (ConceptDefinitionComponent concept : concepts) {
      if (concept.hasConcept()) {
        count += count(concept.getConcept());
      }
    }
    return count;
  }
}
