package health.sihha.hie.ig.build;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Resource;

/** Reads the IG's JSON sources: every file under the source folder, examples from its {@code examples} folder. */
final class IgSources {

  static final String EXAMPLES_FOLDER = "examples";

  private IgSources() {}

  static IgContent read(FhirContext fhirContext, Path folder) {
    IParser parser = fhirContext.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    List<Resource> conformance = new ArrayList<>();
    List<Resource> examples = new ArrayList<>();
    for (Path file : jsonFiles(folder)) {
      Resource resource = parse(parser, file);
      boolean example = folder.relativize(file).startsWith(EXAMPLES_FOLDER);
      (example ? examples : conformance).add(resource);
    }
    return new IgContent(conformance, examples);
  }

  private static List<Path> jsonFiles(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the IG sources in " + folder, e);
    }
  }

  private static Resource parse(IParser parser, Path file) {
    try {
      Resource resource = (Resource) parser.parseResource(Files.readString(file));
      String expected = resource.fhirType() + "-" + resource.getIdPart() + ".json";
      if (!file.getFileName().toString().equals(expected)) {
        throw new IgBuildException("IG source " + file + " must be named " + expected);
      }
      return resource;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the IG source " + file, e);
    }
  }
}
