package health.sihha.hie.terminology;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.StringType;

/** Small code systems with real codes, for tests. */
public final class Fixtures {

  public static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
  public static final String LOINC = "http://loinc.org";

  private Fixtures() {}

  /** A slice of ICD-10-CM: a chapter, two categories, their subcategories; French and Arabic designations. */
  public static CodeSystem icdSlice(String version) {
    CodeSystem cs = new CodeSystem();
    cs.setUrl(ICD).setVersion(version).setName("ICD10CM").setStatus(PublicationStatus.ACTIVE)
        .setContent(CodeSystemContentMode.COMPLETE).setHierarchyMeaning(CodeSystem.CodeSystemHierarchyMeaning.ISA);
    cs.addProperty().setCode("billable").setType(CodeSystem.PropertyType.BOOLEAN);
    cs.addProperty().setCode("kind").setType(CodeSystem.PropertyType.CODE);
    ConceptDefinitionComponent chapter = concept(cs.addConcept(), "E00-E89",
        "Endocrine, nutritional and metabolic diseases", "chapter", false);
    chapter.addProperty().setCode("notSelectable").setValue(new BooleanType(true));
    ConceptDefinitionComponent e11 = concept(chapter.addConcept(), "E11", "Type 2 diabetes mellitus", "category", false);
    e11.addDesignation().setLanguage("fr").setValue("Diabète sucré de type 2");
    e11.addDesignation().setLanguage("ar").setValue("داء السُّكَّري من النوع الثاني");
    ConceptDefinitionComponent e119 = concept(e11.addConcept(), "E11.9", "Type 2 diabetes mellitus without complications",
        "code", true);
    e119.addDesignation().setLanguage("fr").setValue("Diabète sucré de type 2, sans complication");
    concept(e11.addConcept(), "E11.65", "Type 2 diabetes mellitus with hyperglycemia", "code", true);
    ConceptDefinitionComponent e10 = concept(chapter.addConcept(), "E10", "Type 1 diabetes mellitus", "category", false);
    concept(e10.addConcept(), "E10.9", "Type 1 diabetes mellitus without complications", "code", true);
    ConceptDefinitionComponent e08 = concept(chapter.addConcept(), "E08", "Diabetes mellitus due to underlying condition",
        "category", false);
    concept(e08.addConcept(), "E08.9", "Diabetes mellitus due to underlying condition without complications", "code",
        true);
    ConceptDefinitionComponent circulatory = concept(cs.addConcept(), "I00-I99", "Diseases of the circulatory system",
        "chapter", false);
    circulatory.addProperty().setCode("notSelectable").setValue(new BooleanType(true));
    concept(circulatory.addConcept(), "I10", "Essential (primary) hypertension", "category", true);
    ConceptDefinitionComponent i11 = concept(circulatory.addConcept(), "I11", "Hypertensive heart disease",
        "category", false);
    concept(i11.addConcept(), "I11.9", "Hypertensive heart disease without heart failure", "code", true);
    cs.setCount(12);
    return cs;
  }

  /** Three LOINC codes, held in part. */
  public static CodeSystem loincFragment() {
    CodeSystem cs = new CodeSystem();
    cs.setUrl(LOINC).setVersion("2.77").setName("LOINC").setStatus(PublicationStatus.ACTIVE)
        .setContent(CodeSystemContentMode.FRAGMENT);
    cs.addConcept().setCode("2160-0").setDisplay("Creatinine [Mass/volume] in Serum or Plasma")
        .addProperty().setCode("CLASS").setValue(new StringType("CHEM"));
    cs.addConcept().setCode("718-7").setDisplay("Hemoglobin [Mass/volume] in Blood")
        .addProperty().setCode("CLASS").setValue(new StringType("HEM/BC"));
    cs.addConcept().setCode("4548-4").setDisplay("Hemoglobin A1c/Hemoglobin.total in Blood")
        .addProperty().setCode("CLASS").setValue(new StringType("CHEM"));
    return cs;
  }

  private static ConceptDefinitionComponent concept(ConceptDefinitionComponent concept, String code, String display,
      String kind, boolean billable) {
    concept.setCode(code).setDisplay(display);
    concept.addProperty().setCode("kind").setValue(new CodeType(kind));
    concept.addProperty().setCode("billable").setValue(new BooleanType(billable));
    return concept;
  }
}
