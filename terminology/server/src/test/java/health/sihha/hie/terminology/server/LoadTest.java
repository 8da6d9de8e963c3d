package health.sihha.hie.terminology.server;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.terminology.server.cli.LoadCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading a distribution while the server runs ($load) and while it is stopped (the load command). */
class LoadTest extends TerminologyServerTest {

  private static final String LOINC_TOP = """
      LOINC #,Long Common Name,Short Name,CLASS,Rank
      2160-0,Creatinine [Mass/volume] in Serum or Plasma,Creat SerPl-mCnc,Chem,1
      718-7,Hemoglobin [Mass/volume] in Blood,Hgb Bld-mCnc,HEM/BC,2
      """;

  @TempDir Path dir;

  @Test
  void loadsANewVersionBesideTheOldOne() {
    HttpResponse<String> response = post("CodeSystem/$load?system=loinc&version=1.0-test"
        + "&filename=LOINC_Top2000CommonLabResultsUS.csv", "text/csv", LOINC_TOP.getBytes(StandardCharsets.UTF_8));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    Parameters result = FHIR.newJsonParser().parseResource(Parameters.class, response.body());
    assertThat(result.getParameterValue("concepts").primitiveValue()).isEqualTo("2");
    assertThat(result.getParameterValue("version").primitiveValue()).isEqualTo("1.0-test");

    ValueSet pinned = FHIR.newJsonParser().parseResource(ValueSet.class,
        get("ValueSet/$expand?url=http://loinc.org?fhir_vs%7C1.0-test&count=10").body());
    assertThat(pinned.getExpansion().getTotal()).isEqualTo(2);
    ValueSet current = FHIR.newJsonParser().parseResource(ValueSet.class,
        get("ValueSet/$expand?url=http://loinc.org?fhir_vs&filter=creat&count=10").body());
    assertThat(current.getExpansion().getTotal()).isGreaterThan(2);
  }

  @Test
  void theLoadCommandFillsAStoppedServersStore() throws IOException {
    Path file = Files.writeString(dir.resolve("LOINC_Top2000CommonLabResultsUS.csv"), LOINC_TOP);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status = LoadCommand.run(new String[] {"--system", "loinc", "--file", file.toString(), "--version", "9",
        "--data-dir", dir.resolve("data").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(status).as(out.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("http://loinc.org|9: 2 concepts");
    assertThat(dir.resolve("data/store/CodeSystem")).isDirectoryContaining("glob:**.json.gz");

    Path bad = Files.writeString(dir.resolve("bad.csv"), "nothing,here\n");
    out.reset();
    assertThat(LoadCommand.run(new String[] {"--system", "loinc", "--file", bad.toString(), "--data-dir",
        dir.resolve("data").toString()}, new PrintStream(out, true, StandardCharsets.UTF_8))).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("refused:");
    assertThat(LoadCommand.run(new String[] {"--system"}, new PrintStream(out, true, StandardCharsets.UTF_8)))
        .isEqualTo(2);
  }
}
