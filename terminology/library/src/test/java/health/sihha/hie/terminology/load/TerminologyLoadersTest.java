package health.sihha.hie.terminology.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminologyLoadersTest {

  @TempDir Path temp;

  @Test
  void listsItsLoadersAndRejectsAnUnknownName() {
    TerminologyLoaders loaders = TerminologyLoaders.standard();

    assertThat(loaders.names()).containsExactly("icd10cm", "loinc", "rxnorm", "ucum");
    assertThat(loaders.loader("loinc").system()).isEqualTo("http://loinc.org");
    assertThatThrownBy(() -> loaders.loader("snomed"))
        .isInstanceOf(TerminologyLoadException.class)
        .hasMessageContaining("snomed")
        .hasMessageContaining("icd10cm, loinc, rxnorm, ucum");
  }

  @Test
  void loadsAnUploadedPlainFileAndDeletesTheSpool() throws Exception {
    String csv = "code,billable,description\nA00,0,Cholera\nA00.0,1,\"Cholera due to Vibrio cholerae 01, biovar"
        + " cholerae\"\n";
    long before = countUploads();

    TerminologyPackage result = TerminologyLoaders.standard().load("icd10cm", "../icd10cm_2021_codes.csv",
        new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), null);

    assertThat(result.codeSystem().getVersion()).isEqualTo("2021");
    assertThat(result.codeSystem().getCount()).isEqualTo(3);
    assertThat(countUploads()).isEqualTo(before);
  }

  @Test
  void rejectsAnUnreadableZipAndAMissingPath() throws Exception {
    Path broken = temp.resolve("Loinc_2.77.zip");
    Files.write(broken, new byte[] {'P', 'K', 3, 4, 0, 0, 0});

    assertThatThrownBy(() -> TerminologyLoaders.standard().load("loinc", broken, null))
        .isInstanceOf(TerminologyLoadException.class)
        .hasMessageContaining("unreadable zip");
    assertThatThrownBy(() -> TerminologyLoaders.standard().load("loinc", temp.resolve("absent.csv"), null))
        .hasMessageContaining("no such file");
  }

  private static long countUploads() throws Exception {
    try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files.filter(p -> p.getFileName().toString().startsWith("terminology-upload")).count();
    }
  }
}
