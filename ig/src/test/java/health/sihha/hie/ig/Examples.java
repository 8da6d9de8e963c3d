package health.sihha.hie.ig;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;

/** The IG's examples, read from its sources. */
final class Examples {

  static final Path FOLDER = Path.of("src/main/fhir/examples");

  private Examples() {}

  static List<Resource> all(FhirContext fhirContext) {
    try (Stream<Path> files = Files.list(FOLDER)) {
      return files.sorted().map(f -> read(fhirContext, f)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + FOLDER, e);
    }
  }

  /** A fresh copy of one example, e.g. {@code Location-bed-a1-1}, to alter in a test. */
  static <T extends Resource> T named(FhirContext fhirContext, String name, Class<T> type) {
    return type.cast(read(fhirContext, FOLDER.resolve(name + ".json")));
  }

  private static Resource read(FhirContext fhirContext, Path file) {
    try {
      return (Resource) fhirContext.newJsonParser().parseResource(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
