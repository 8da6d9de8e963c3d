package health.sihha.hie.terminology.load.rxnorm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.sihha.hie.terminology.load.Concepts;
import health.sihha.hie.terminology.load.SharedData;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import health.sihha.hie.terminology.load.TerminologyLoaders;
import health.sihha.hie.terminology.load.TerminologyPackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.SourceElementComponent;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RxNormLoaderTest {

  private static final String CONSO = String.join("\n",
      "6809|ENG||L0000001|PF|S0000001|Y|A0000001||6809||RXNORM|IN|6809|metformin|0|N|4096|",
      "6809|ENG||L0000002|VO|S0000002|N|A0000002||6809||RXNORM|SY|6809|metformin hydrochloride base|0|N|4096|",
      "6809|ENG||L0000003|PF|S0000003|Y|A0000003||6809||MTHSPL|SU|ABC|METFORMIN|0|N||",
      "861007|ENG||L0000004|PF|S0000004|N|A0000004||861007||RXNORM|PSN|861007|metformin HCl 500 mg tablet|0|N|4096|",
      "861007|ENG||L0000005|PF|S0000005|Y|A0000005||861007||RXNORM|SCD|861007|"
          + "metformin hydrochloride 500 MG Oral Tablet|0|N|4096|",
      "999999|ENG||L0000006|PF|S0000006|Y|A0000006||999999||RXNORM|SCD|999999|a suppressed drug|0|O|4096|") + "\n";
  private static final String SAT = String.join("\n",
      "861007|||A0000005|AUI|861007|||NDC|RXNORM|00093104801|N|4096|",
      "861007|||A0000005|AUI|861007|||NDC|MTHSPL|0093-1048-01|N|4096|",
      "861007|||A0000005|AUI|861007|||RXN_HUMAN_DRUG|RXNORM|US|N|4096|") + "\n";

  @TempDir Path temp;

  @Test
  void loadsTheRealPrescribableTablesAndTheNdcMap() {
    TerminologyPackage result =
        TerminologyLoaders.standard().load("rxnorm", SharedData.file("medications"), null);
    CodeSystem codeSystem = result.codeSystem();
    Concepts concepts = new Concepts(codeSystem);

    assertThat(codeSystem.getUrl()).isEqualTo("http://www.nlm.nih.gov/research/umls/rxnorm");
    assertThat(codeSystem.getVersion()).isEqualTo("2025-10-06");
    assertThat(codeSystem.getContent()).isEqualTo(CodeSystemContentMode.FRAGMENT);
    assertThat(codeSystem.getCount()).isEqualTo(4_008 + 19_697).isEqualTo(concepts.size());
    assertThat(concepts.property("3264", "tty")).containsExactly("IN");
    assertThat(concepts.get("2045409").getDisplay())
        .isEqualTo("0.005 ML dexamethasone 103.4 MG/ML Injection [Dexycu]");
    assertThat(concepts.property("2045409", "tty")).containsExactly("SBD");
    assertThat(concepts.property("2045409", "ingredient")).containsExactly("3264");
    assertThat(concepts.property("2045409", "brand_name")).containsExactly("Dexycu");
    assertThat(concepts.property("2045409", "generic")).containsExactly("2045404");
    assertThat(concepts.property("2204925", "ingredient")).containsExactly("2204915", "2204916");

    assertThat(result.conceptMaps()).singleElement().satisfies(map -> {
      assertThat(map.getUrl()).isEqualTo("http://sihha.health/fhir/ConceptMap/ndc-to-rxnorm");
      assertThat(map.getVersion()).isEqualTo("2025-10-06");
      assertThat(map.getGroupFirstRep().getSource()).isEqualTo("http://hl7.org/fhir/sid/ndc");
      assertThat(map.getGroupFirstRep().getElement()).hasSize(221_960);
      SourceElementComponent first = map.getGroupFirstRep().getElementFirstRep();
      assertThat(first.getCode()).isEqualTo("00002015201");
      assertThat(first.getTargetFirstRep().getCode()).isEqualTo("2679323");
      assertThat(first.getTargetFirstRep().getEquivalence()).isEqualTo(ConceptMapEquivalence.EQUIVALENT);
    });
  }

  @Test
  void loadsTheRrfReleaseFromAnUploadedZip() throws IOException {
    Path zip = temp.resolve("upload.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      put(out, "rrf/RXNCONSO.RRF", CONSO);
      put(out, "rrf/RXNSAT.RRF", SAT);
    }

    TerminologyPackage result;
    try (InputStream in = Files.newInputStream(zip)) {
      result = TerminologyLoaders.standard().load("rxnorm", "RxNorm_full_10062025.zip", in, null);
    }
    Concepts concepts = new Concepts(result.codeSystem());

    assertThat(result.codeSystem().getVersion()).isEqualTo("2025-10-06");
    assertThat(result.codeSystem().getContent()).isEqualTo(CodeSystemContentMode.COMPLETE);
    assertThat(result.codeSystem().getCount()).isEqualTo(2);
    assertThat(concepts.get("6809").getDisplay()).isEqualTo("metformin");
    assertThat(concepts.get("6809").getDesignation()).extracting(ConceptDefinitionDesignationComponent::getValue)
        .containsExactly("metformin hydrochloride base");
    assertThat(concepts.get("861007").getDisplay()).isEqualTo("metformin hydrochloride 500 MG Oral Tablet");
    assertThat(concepts.property("861007", "tty")).containsExactly("SCD");
    assertThat(concepts.contains("999999")).isFalse();
    ConceptMap map = result.conceptMaps().get(0);
    assertThat(map.getGroupFirstRep().getElement()).singleElement().satisfies(element -> {
      assertThat(element.getCode()).isEqualTo("00093104801");
      assertThat(element.getTargetFirstRep().getCode()).isEqualTo("861007");
    });
  }

  @Test
  void theRrfReleaseNeedsAVersionAndWellFormedLines() throws IOException {
    Path dir = Files.createDirectories(temp.resolve("rrf"));
    Files.writeString(dir.resolve("RXNCONSO.RRF"), CONSO);

    assertThatThrownBy(() -> TerminologyLoaders.standard().load("rxnorm", dir, null))
        .hasMessageContaining("give the version");
    assertThat(TerminologyLoaders.standard().load("rxnorm", dir, "2025-11-03").codeSystem().getVersion())
        .isEqualTo("2025-11-03");

    Files.writeString(dir.resolve("RXNCONSO.RRF"), CONSO + "6809|ENG|truncated\n");
    assertThatThrownBy(() -> TerminologyLoaders.standard().load("rxnorm", dir, "2025-11-03"))
        .isInstanceOf(TerminologyLoadException.class)
        .hasMessageContaining("RXNCONSO.RRF line 7");
  }

  @Test
  void rejectsABadRxcuiAndAZipWithoutRxNorm() throws IOException {
    Path csv = temp.resolve("rxnorm_prescribable_ingredients.csv");
    Files.writeString(csv, "rxcui,tty,name,unii\n3264,IN,dexamethasone,7S5I7G3JQL\nRX1,IN,bad,\n");
    Path zip = temp.resolve("RxNorm_weekly.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      put(out, "Readme.txt", "nothing");
    }

    assertThatThrownBy(() -> TerminologyLoaders.standard().load("rxnorm", csv, null))
        .hasMessageContaining("rxnorm_prescribable_ingredients.csv line 3: 'RX1' is not an RXCUI");
    assertThatThrownBy(() -> TerminologyLoaders.standard().load("rxnorm", zip, null))
        .hasMessageContaining("no RxNorm file in RxNorm_weekly.zip");
  }

  private static void put(ZipOutputStream out, String name, String content) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(content.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
