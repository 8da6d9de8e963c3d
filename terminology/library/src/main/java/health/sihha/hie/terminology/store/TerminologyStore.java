package health.sihha.hie.terminology.store;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Terminology resources on local disk, one gzipped FHIR JSON file per resource
 * ({@code <dir>/CodeSystem/icd10cm-2021.json.gz}). Each write goes to a temporary file first and is then moved into
 * place, so a crash or a bad upload never leaves a half-written resource where the last good one was.
 */
public final class TerminologyStore {

  /** The resource types the store keeps. */
  public static final List<Class<? extends Resource>> TYPES = List.of(CodeSystem.class, ValueSet.class, ConceptMap.class);

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  private final FhirContext fhirContext;
  private final Path directory;

  public TerminologyStore(FhirContext fhirContext, Path directory) {
    this.fhirContext = fhirContext;
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  /** Whether {@code id} is a valid FHIR resource id. */
  public static boolean isValidId(String id) {
    return ID.matcher(id).matches();
  }

  /** Writes {@code resource}, which must have an id, replacing any earlier file for the same type and id. */
  public void write(Resource resource) {
    Path target = file(resource.getResourceType().name(), resource.getIdElement().getIdPart());
    try {
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), ".incoming-", ".tmp");
      try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(temporary), 1 << 16),
          StandardCharsets.UTF_8)) {
        parser().encodeResourceToWriter(resource, out);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(temporary);
        throw e;
      }
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /** Reads one stored resource. */
  public <T extends IBaseResource> T read(Class<T> type, String id) {
    return read(type, file(fhirContext.getResourceType(type), id));
  }

  public void delete(String resourceType, String id) {
    try {
      Files.deleteIfExists(file(resourceType, id));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + resourceType + "/" + id, e);
    }
  }

  /** Every stored resource of {@code type}. */
  public <T extends IBaseResource> List<T> readAll(Class<T> type) {
    Path folder = directory.resolve(fhirContext.getResourceType(type));
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    List<T> resources = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json.gz")).sorted().toList()) {
        resources.add(read(type, file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    return resources;
  }

  private <T extends IBaseResource> T read(Class<T> type, Path file) {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
      return parser().parseResource(type, new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private Path file(String resourceType, String id) {
    if (!isValidId(id)) {
      throw new IllegalArgumentException("not a resource id: " + id);
    }
    return directory.resolve(resourceType).resolve(id + ".json.gz");
  }

  private IParser parser() {
    return fhirContext.newJsonParser();
  }
}
