package health.sihha.hie.ig.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Location;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IgPackageBuilderTest {

  private static final Path SOURCES = Path.of("src/main/fhir");

  private final FhirContext fhirContext = FhirContext.forR4Cached();

  @Test
  void anInvalidExampleFailsTheBuildAndWritesNoPackage(@TempDir Path work) throws IOException {
    Path sources = copy(SOURCES, work.resolve("fhir"));
    Path bedFile = sources.resolve("examples/Location-bed-a1-1.json");
    IParser parser = fhirContext.newJsonParser();
    Location bed = parser.parseResource(Location.class, Files.readString(bedFile));
    Files.writeString(bedFile, parser.encodeResourceToString(bed.setOperationalStatus(null)));
    Path target = work.resolve("ig.tgz");

    assertThatThrownBy(() -> new IgPackageBuilder(fhirContext).build(sources, target))
        .isInstanceOf(IgBuildException.class)
        .hasMessageContaining("Location/bed-a1-1")
        .hasMessageContaining("operationalStatus");
    assertThat(target).doesNotExist();
  }

  private static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path copy = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    return to;
  }
}
