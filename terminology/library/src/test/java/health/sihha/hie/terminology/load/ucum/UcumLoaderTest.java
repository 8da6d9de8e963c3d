package health.sihha.hie.terminology.load.ucum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.sihha.hie.terminology.load.Concepts;
import health.sihha.hie.terminology.load.SharedData;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import health.sihha.hie.terminology.load.TerminologyLoaders;
import health.sihha.hie.terminology.load.TerminologyPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptReferenceComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UcumLoaderTest {

  @TempDir Path temp;

  @Test
  void loadsTheEssenceUnits() {
    CodeSystem codeSystem = TerminologyLoaders.standard()
        .load("ucum", SharedData.file("ucum/ucum-essence.xml"), null).codeSystem();
    Concepts concepts = new Concepts(codeSystem);

    assertThat(codeSystem.getUrl()).isEqualTo("http://unitsofmeasure.org");
    assertThat(codeSystem.getVersion()).isEqualTo("2.1");
    assertThat(codeSystem.getContent()).isEqualTo(CodeSystemContentMode.FRAGMENT);
    assertThat(codeSystem.getCaseSensitive()).isTrue();
    assertThat(codeSystem.getCount()).isEqualTo(7 + 304).isEqualTo(concepts.size());
    assertThat(concepts.get("m").getDisplay()).isEqualTo("meter");
    assertThat(concepts.property("m", "property")).containsExactly("length");
    assertThat(concepts.get("[lb_av]").getDisplay()).isEqualTo("pound");
    assertThat(concepts.get("Cel").getDisplay()).isEqualTo("degree Celsius");
  }

  @Test
  void mergesTheCommonUnitsAndBuildsTheClinicalValueSet() {
    TerminologyPackage result = TerminologyLoaders.standard().load("ucum", SharedData.file("ucum"), null);
    Concepts concepts = new Concepts(result.codeSystem());

    assertThat(concepts.size()).isGreaterThan(7 + 304).isLessThanOrEqualTo(7 + 304 + 759);
    assertThat(concepts.get("mg/dL").getDisplay()).isEqualTo("milligram per deciliter");
    assertThat(concepts.property("mg/dL", "category")).containsExactly("Clinical");
    assertThat(concepts.property("mg/dL", "loinc_property")).isNotEmpty();
    assertThat(concepts.get("mg/dL").getDesignation()).extracting(ConceptDefinitionDesignationComponent::getValue)
        .isNotEmpty();
    assertThat(concepts.get("%").getDisplay()).isEqualTo("percent");
    assertThat(concepts.contains("mm[Hg]")).isTrue();

    ValueSet common = result.valueSets().get(0);
    assertThat(common.getUrl()).isEqualTo("http://sihha.health/fhir/ValueSet/ucum-common");
    assertThat(common.getVersion()).isEqualTo("2.1");
    assertThat(common.getCompose().getIncludeFirstRep().getSystem()).isEqualTo("http://unitsofmeasure.org");
    assertThat(common.getCompose().getIncludeFirstRep().getConcept()).hasSize(636)
        .extracting(ConceptReferenceComponent::getCode).contains("mg/dL", "kg/m2", "%");
  }

  @Test
  void everyClinicalCommonUnitIsValidUcum() {
    TerminologyPackage result = TerminologyLoaders.standard().load("ucum", SharedData.file("ucum"), null);
    UcumGrammar grammar = UcumGrammar.bundled();

    assertThat(result.valueSets().get(0).getCompose().getIncludeFirstRep().getConcept())
        .extracting(ConceptReferenceComponent::getCode)
        .filteredOn(code -> grammar.validate(code).isPresent())
        .hasSizeLessThan(5);
  }

  @Test
  void rejectsAFileThatIsNotAnEssence() throws IOException {
    Path xml = temp.resolve("ucum-essence.xml");
    Files.writeString(xml, "<root xmlns=\"http://unitsofmeasure.org/ucum-essence\"><prefix Code=\"k\"/>");

    assertThatThrownBy(() -> TerminologyLoaders.standard().load("ucum", xml, null))
        .isInstanceOf(TerminologyLoadException.class)
        .hasMessageContaining("ucum-essence.xml");
  }
}
