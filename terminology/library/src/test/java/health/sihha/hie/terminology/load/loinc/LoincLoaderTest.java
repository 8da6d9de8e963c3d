package health.sihha.hie.terminology.load.loinc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import health.sihha.hie.terminology.load.Concepts;
import health.sihha.hie.terminology.load.SharedData;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import health.sihha.hie.terminology.load.TerminologyLoaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoincLoaderTest {

  private static final String LOINC_CSV = """
      "LOINC_NUM","COMPONENT","PROPERTY","TIME_ASPCT","SYSTEM","SCALE_TYP","METHOD_TYP","CLASS","VersionLastChanged",\
      "CHNG_TYPE","DefinitionDescription","STATUS","CONSUMER_NAME","CLASSTYPE","FORMULA","EXMPL_ANSWERS",\
      "SURVEY_QUEST_TEXT","SURVEY_QUEST_SRC","UNITSREQUIRED","RELATEDNAMES2","SHORTNAME","ORDER_OBS",\
      "HL7_FIELD_SUBFIELD_ID","EXTERNAL_COPYRIGHT_NOTICE","EXAMPLE_UNITS","LONG_COMMON_NAME","EXAMPLE_UCUM_UNITS"
      "2160-0","Creatinine","MCnc","Pt","Ser/Plas","Qn","","CHEM","2.73","MIN","Creatinine is a waste product,
      cleared by the kidneys.","ACTIVE","","1","","","","","Y","Creat; \"\"Serum\"\"","Creat SerPl-mCnc","Both","","",\
      "mg/dL","Creatinine [Mass/volume] in Serum or Plasma","mg/dL"
      "718-7","Hemoglobin","MCnc","Pt","Bld","Qn","","HEM/BC","2.73","MIN","","ACTIVE","","1","","","","","Y","",\
      "Hgb Bld-mCnc","Both","","","g/dL","Hemoglobin [Mass/volume] in Blood","g/dL"
      "1009-0","Deprecated Direct antiglobulin test.poly specific reagent","ACnc","Pt","RBC","Ord","","BLDBK",\
      "2.42","DEL","","DEPRECATED","","1","","","","","","","DAT Polysp Reag RBC Ql","Observation","","","",\
      "Deprecated Direct antiglobulin test.poly specific reagent [Presence] on Red Blood Cells",""
      """;

  @TempDir Path temp;

  @Test
  void mergesTheRealTop2000Tables() {
    long start = System.nanoTime();
    CodeSystem codeSystem =
        TerminologyLoaders.standard().load("loinc", SharedData.file("loinc"), null).codeSystem();
    Concepts concepts = new Concepts(codeSystem);

    assertThat(codeSystem.getUrl()).isEqualTo("http://loinc.org");
    assertThat(codeSystem.getVersion()).isEqualTo("2.5x-top2000-1.6");
    assertThat(codeSystem.getContent()).isEqualTo(CodeSystemContentMode.FRAGMENT);
    assertThat(codeSystem.hasHierarchyMeaning()).isFalse();
    assertThat(codeSystem.getCount()).isEqualTo(concepts.size()).isBetween(2_188, 2_177 + 2_188);
    assertThat(codeSystem.getConcept().get(0).getCode()).isEqualTo("2160-0");
    assertThat(concepts.get("2160-0").getDisplay()).isEqualTo("Creatinine [Mass/volume] in Serum or Plasma");
    assertThat(concepts.property("2160-0", "rank")).containsExactly("1");
    assertThat(concepts.property("2160-0", "class")).containsExactly("Chem");
    assertThat(concepts.property("14682-9", "rank")).containsExactly("1");
    assertThat(concepts.get("2160-0").getDesignation()).extracting(ConceptDefinitionDesignationComponent::getValue)
        .containsExactly("Creat SerPl-mCnc");
    assertThat(System.nanoTime() - start).isLessThan(10_000_000_000L);
  }

  @Test
  void loadsTheFullTableFromTheLoincZipWithItsTranslations() throws IOException {
    Path zip = temp.resolve("Loinc_2.77.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      put(out, "LoincTable/Loinc.csv", LOINC_CSV);
      put(out, "AccessoryFiles/LinguisticVariants/LinguisticVariants.csv",
          "\"ID\",\"ISO_LANGUAGE\",\"ISO_COUNTRY\",\"LANGUAGE_NAME\",\"PRODUCER\"\n"
              + "\"18\",\"fr\",\"FR\",\"French (FRANCE)\",\"Jean Marc Serrot\"\n");
      put(out, "AccessoryFiles/LinguisticVariants/frFR18LinguisticVariant.csv",
          "\"LOINC_NUM\",\"COMPONENT\",\"PROPERTY\",\"LONG_COMMON_NAME\"\n"
              + "\"2160-0\",\"Créatinine\",\"Masse/Volume\",\"Créatinine [Masse/Volume] Sérum/Plasma ; Numérique\"\n"
              + "\"718-7\",\"Hémoglobine\",\"Masse/Volume\",\"\"\n");
    }

    CodeSystem codeSystem = TerminologyLoaders.standard().load("loinc", zip, null).codeSystem();
    Concepts concepts = new Concepts(codeSystem);

    assertThat(codeSystem.getVersion()).isEqualTo("2.77");
    assertThat(codeSystem.getContent()).isEqualTo(CodeSystemContentMode.COMPLETE);
    assertThat(codeSystem.getCount()).isEqualTo(3);
    assertThat(concepts.get("2160-0").getDisplay()).isEqualTo("Creatinine [Mass/volume] in Serum or Plasma");
    assertThat(concepts.property("2160-0", "COMPONENT")).containsExactly("Creatinine");
    assertThat(concepts.property("2160-0", "SYSTEM")).containsExactly("Ser/Plas");
    assertThat(concepts.property("2160-0", "EXAMPLE_UCUM_UNITS")).containsExactly("mg/dL");
    assertThat(concepts.property("2160-0", "METHOD_TYP")).isEmpty();
    assertThat(concepts.property("2160-0", "inactive")).isEmpty();
    assertThat(concepts.property("1009-0", "inactive")).containsExactly("true");
    assertThat(concepts.property("1009-0", "STATUS")).containsExactly("DEPRECATED");
    assertThat(concepts.get("2160-0").getDesignation())
        .extracting(ConceptDefinitionDesignationComponent::getLanguage, ConceptDefinitionDesignationComponent::getValue)
        .containsExactly(
            tuple("en", "Creat SerPl-mCnc"),
            tuple("fr-FR", "Créatinine [Masse/Volume] Sérum/Plasma ; Numérique"));
    assertThat(concepts.get("718-7").getDesignation())
        .filteredOn(d -> "fr-FR".equals(d.getLanguage()))
        .extracting(ConceptDefinitionDesignationComponent::getValue)
        .containsExactly("Hémoglobine");
  }

  @Test
  void theFullTableNeedsAVersion() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("loinc"));
    Files.writeString(dir.resolve("Loinc.csv"), LOINC_CSV);

    assertThatThrownBy(() -> TerminologyLoaders.standard().load("loinc", dir, null))
        .isInstanceOf(TerminologyLoadException.class)
        .hasMessageContaining("give the version");
    assertThat(TerminologyLoaders.standard().load("loinc", dir, "2.77").codeSystem().getCount()).isEqualTo(3);
  }

  @Test
  void rejectsMalformedTables() throws IOException {
    Path badRank = temp.resolve("LOINC_Top2000US.csv");
    Files.writeString(badRank, "LOINC #,Long Common Name,Short Name,CLASS,Rank\n2160-0,Creatinine,Creat,Chem,first\n");
    Path missingColumn = temp.resolve("Loinc.csv");
    Files.writeString(missingColumn, "\"LOINC_NUM\",\"COMPONENT\"\n\"2160-0\",\"Creatinine\"\n");
    Path shortRow = temp.resolve("Top2000SI.csv");
    Files.writeString(shortRow, "LOINC #,Long Common Name,Short Name,CLASS,Rank\n2160-0,Creatinine,Creat\n");

    assertThatThrownBy(() -> TerminologyLoaders.standard().load("loinc", badRank, null))
        .hasMessageContaining("LOINC_Top2000US.csv line 2").hasMessageContaining("Rank");
    assertThatThrownBy(() -> TerminologyLoaders.standard().load("loinc", missingColumn, "2.77"))
        .hasMessageContaining("no column 'LONG_COMMON_NAME'");
    assertThatThrownBy(() -> TerminologyLoaders.standard().load("loinc", shortRow, null))
        .hasMessageContaining("line 2: 3 fields where the header has 5");
  }

  private static void put(ZipOutputStream out, String name, String content) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(content.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
