package health.sihha.hie.terminology.load.icd10cm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.sihha.hie.terminology.load.Concepts;
import health.sihha.hie.terminology.load.LoadSource;
import health.sihha.hie.terminology.load.SharedData;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import health.sihha.hie.terminology.load.TerminologyLoaders;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemHierarchyMeaning;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Icd10CmLoaderTest {

  private static final String ORDER = "icd10cm/icd10cm-order-Jan-2021.txt.gz";
  private static final String CSV = "icd10cm/icd10cm_2021_codes.csv";

  @TempDir Path temp;

  private static CodeSystem load(Path path) {
    return TerminologyLoaders.standard().load("icd10cm", path, null).codeSystem();
  }

  @Test
  void loadsTheRealOrderFile() {
    CodeSystem codeSystem = load(SharedData.file(ORDER));
    Concepts concepts = new Concepts(codeSystem);

    assertThat(codeSystem.getUrl()).isEqualTo("http://hl7.org/fhir/sid/icd-10-cm");
    assertThat(codeSystem.getVersion()).isEqualTo("2021");
    assertThat(codeSystem.getContent()).isEqualTo(CodeSystemContentMode.COMPLETE);
    assertThat(codeSystem.getHierarchyMeaning()).isEqualTo(CodeSystemHierarchyMeaning.ISA);
    assertThat(codeSystem.hasId()).isFalse();
    assertThat(codeSystem.getConcept()).hasSize(22);
    assertThat(codeSystem.getConcept().get(21).getCode()).isEqualTo("U00-U85");
    assertThat(codeSystem.getCount()).isEqualTo(95_358 + 22).isEqualTo(concepts.size());
    assertThat(codeSystem.getProperty()).extracting(p -> p.getCode())
        .containsExactly("billable", "kind", "notSelectable");

    assertThat(concepts.parent("E11.9")).contains("E11");
    assertThat(concepts.parent("E11")).contains("E00-E89");
    assertThat(concepts.property("E00-E89", "kind")).containsExactly("chapter");
    assertThat(concepts.property("E00-E89", "notSelectable")).containsExactly("true");
    assertThat(concepts.get("E00-E89").getDisplay()).isEqualTo("Endocrine, nutritional and metabolic diseases");
    assertThat(concepts.get("E11.9").getDisplay()).isEqualTo("Type 2 diabetes mellitus without complications");
    assertThat(concepts.property("E11.9", "billable")).containsExactly("true");
    assertThat(concepts.property("E11.9", "kind")).containsExactly("code");
    assertThat(concepts.property("E11", "billable")).containsExactly("false");
    assertThat(concepts.property("E11", "kind")).containsExactly("category");
    assertThat(concepts.property("E11.6", "kind")).containsExactly("subcategory");
    assertThat(concepts.parent("S52.521A")).contains("S52.521");
    assertThat(concepts.parent("U07.1")).contains("U07");
    assertThat(concepts.parent("U07")).contains("U00-U85");
    assertThat(concepts.get("U07.1").getDisplay()).isEqualTo("COVID-19");
    assertThat(concepts.parent("O9A")).contains("O00-O9A");
    assertThat(concepts.parent("D49")).contains("C00-D49");
    assertThat(concepts.parent("H60")).contains("H60-H95");

    assertThat(concepts.get("A01.00").getDesignation()).isEmpty();
    ConceptDefinitionComponent withShortName = concepts.get("O9A");
    assertThat(withShortName.getDesignation()).singleElement().satisfies(d -> {
      assertThat(d.getLanguage()).isEqualTo("en");
      assertThat(d.getUse().getCode()).isEqualTo("900000000000013009");
      assertThat(d.getValue()).isEqualTo("Maternl malig or injury compl preg/childbrth");
    });
    long billable = concepts.all().values().stream()
        .filter(c -> c.getProperty().stream().anyMatch(
            p -> p.getCode().equals("billable") && p.getValue().primitiveValue().equals("true")))
        .count();
    assertThat(billable).isEqualTo(72_621);
  }

  @Test
  void theCsvGivesTheSameConceptsAsTheOrderFile() {
    Concepts order = new Concepts(load(SharedData.file(ORDER)));
    CodeSystem csv = load(SharedData.file(CSV));
    Concepts fromCsv = new Concepts(csv);

    assertThat(csv.getVersion()).isEqualTo("2021");
    assertThat(fromCsv.all().keySet()).isEqualTo(order.all().keySet());
    for (String code : order.all().keySet()) {
      assertThat(fromCsv.get(code).getDisplay()).as(code).isEqualTo(order.get(code).getDisplay());
      assertThat(fromCsv.parent(code)).as(code).isEqualTo(order.parent(code));
      assertThat(fromCsv.property(code, "billable")).as(code).isEqualTo(order.property(code, "billable"));
    }
  }

  @Test
  void readsTheOrderFileInAZipWithTheTabularBlocks() throws IOException {
    Path zip = temp.resolve("2021-code-descriptions-tabular-order.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      put(out, "icd10cm_order_2021.txt", String.join("\r\n", List.of(
          line(1, "E08", false, "Diabetes due to underlying condition",
              "Diabetes mellitus due to underlying condition"),
          line(2, "E11", false, "Type 2 diabetes mellitus", "Type 2 diabetes mellitus"),
          line(3, "E119", true, "Type 2 diabetes mellitus without complications",
              "Type 2 diabetes mellitus without complications"),
          line(4, "E66", false, "Overweight and obesity", "Overweight and obesity"),
          line(5, "E669", true, "Obesity, unspecified", "Obesity, unspecified"))) + "\r\n");
      put(out, "icd10cm_order_addenda_2021.txt", "not an order file\r\n");
      put(out, "Tabular/icd10cm_tabular_2021.xml", """
          <?xml version="1.0" encoding="utf-8"?>
          <ICD10CM.tabular><version>2021</version>
            <chapter><name>4</name>
              <desc>Endocrine, nutritional and metabolic diseases (E00-E89)</desc>
              <sectionIndex>
                <sectionRef first="E08" last="E13" id="E08-E13">Diabetes mellitus</sectionRef>
              </sectionIndex>
              <section id="E08-E13"><desc>Diabetes mellitus (E08-E13)</desc>
                <diag><name>E08</name><desc>Diabetes due to underlying condition</desc></diag>
                <diag><name>E11</name><desc>Type 2 diabetes mellitus</desc>
                  <diag><name>E11.9</name><desc>Type 2 diabetes mellitus without complications</desc></diag>
                </diag>
              </section>
              <section id="E65-E68"><desc>Overweight, obesity and other hyperalimentation (E65-E68)</desc>
                <diag><name>E66</name><desc>Overweight and obesity</desc></diag>
              </section>
            </chapter>
          </ICD10CM.tabular>
          """);
    }

    CodeSystem codeSystem = load(zip);
    Concepts concepts = new Concepts(codeSystem);

    assertThat(codeSystem.getVersion()).isEqualTo("2021");
    assertThat(codeSystem.getConcept()).extracting(ConceptDefinitionComponent::getCode).containsExactly("E00-E89");
    assertThat(concepts.get("E00-E89").getConcept()).extracting(ConceptDefinitionComponent::getCode)
        .containsExactly("E08-E13", "E65-E68");
    assertThat(concepts.get("E08-E13").getDisplay()).isEqualTo("Diabetes mellitus");
    assertThat(concepts.property("E08-E13", "kind")).containsExactly("block");
    assertThat(concepts.property("E08-E13", "notSelectable")).containsExactly("true");
    assertThat(concepts.parent("E11.9")).contains("E11");
    assertThat(concepts.parent("E11")).contains("E08-E13");
    assertThat(concepts.parent("E66")).contains("E65-E68");
    assertThat(codeSystem.getCount()).isEqualTo(8);
  }

  @Test
  void rejectsAMalformedLineWithItsNumber() throws IOException {
    Path file = temp.resolve("icd10cm-order-2021.txt");
    Files.writeString(file, line(1, "A00", false, "Cholera", "Cholera") + "\nA00 Cholera broken\n");

    assertThatThrownBy(() -> load(file))
        .isInstanceOf(TerminologyLoadException.class)
        .hasMessageContaining("icd10cm-order-2021.txt line 2");
  }

  @Test
  void rejectsABadCsvRow() throws IOException {
    Path file = temp.resolve("icd10cm_2021_codes.csv");
    Files.writeString(file, "code,billable,description\nA00,0,Cholera\nA00.0,2,Cholera due to Vibrio\n");

    assertThatThrownBy(() -> load(file))
        .isInstanceOf(TerminologyLoadException.class)
        .hasMessageContaining("line 3")
        .hasMessageContaining("billable");
  }

  @Test
  void rejectsAWrongHeaderAnEmptyFileAndAMissingVersion() throws IOException {
    Path wrongHeader = temp.resolve("icd10cm_2021_codes.csv");
    Files.writeString(wrongHeader, "code,valid,text\nA00,0,Cholera\n");
    Path empty = temp.resolve("icd10cm-order-2022.txt");
    Files.writeString(empty, "");
    Path noVersion = temp.resolve("icd10cm-order-latest.txt");
    Files.writeString(noVersion, line(1, "A00", false, "Cholera", "Cholera") + "\n");

    assertThatThrownBy(() -> load(wrongHeader)).hasMessageContaining("no column 'billable'");
    assertThatThrownBy(() -> load(empty)).hasMessageContaining("empty");
    assertThatThrownBy(() -> load(noVersion)).hasMessageContaining("give the version");
    assertThat(TerminologyLoaders.standard().load("icd10cm", noVersion, "2022").codeSystem().getVersion())
        .isEqualTo("2022");
  }

  @Test
  void rejectsAZipWithoutAnIcd10CmFile() throws IOException {
    Path zip = temp.resolve("other.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      put(out, "readme.txt", "nothing here");
    }
    try (LoadSource source = LoadSource.of(zip)) {
      assertThatThrownBy(() -> new Icd10CmLoader().load(source, "2021"))
          .isInstanceOf(TerminologyLoadException.class)
          .hasMessageContaining("no ICD-10-CM file in other.zip");
    }
  }

  static String line(int order, String code, boolean billable, String shortName, String longName) {
    return String.format("%05d %-7s %s %-60s %s", order, code, billable ? "1" : "0", shortName, longName);
  }

  private static void put(ZipOutputStream out, String name, String content) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    OutputStream stream = out;
    stream.write(content.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }
}
