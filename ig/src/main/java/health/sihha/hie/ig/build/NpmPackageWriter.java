package health.sihha.hie.ig.build;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import health.sihha.hie.ig.SihhaIg;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * Writes the IG as a FHIR NPM package: {@code package/package.json}, {@code package/.index.json}, each conformance
 * resource as {@code package/<Type>-<id>.json} and each example under {@code package/example/}.
 */
final class NpmPackageWriter {

  static final String PACKAGE_FOLDER = "package/";
  static final String EXAMPLE_FOLDER = PACKAGE_FOLDER + "example/";

  /** A fixed entry time, so that the same sources give the same archive. */
  private static final Instant ENTRY_TIME = Instant.parse("2025-12-01T00:00:00Z");

  private final IParser parser;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  NpmPackageWriter(FhirContext fhirContext) {
    this.parser = fhirContext.newJsonParser().setPrettyPrint(true);
  }

  void write(IgContent content, Path target) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      try (OutputStream file = Files.newOutputStream(target);
          GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file);
          TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        put(tar, PACKAGE_FOLDER + "package.json", json.writeValueAsBytes(manifest()));
        put(tar, PACKAGE_FOLDER + ".index.json", json.writeValueAsBytes(index(content.conformance())));
        for (Resource resource : content.conformance()) {
          put(tar, PACKAGE_FOLDER + fileName(resource), encode(resource));
        }
        put(tar, EXAMPLE_FOLDER + ".index.json", json.writeValueAsBytes(index(content.examples())));
        for (Resource resource : content.examples()) {
          put(tar, EXAMPLE_FOLDER + fileName(resource), encode(resource));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the IG package " + target, e);
    }
  }

  private static Map<String, Object> manifest() {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("name", SihhaIg.PACKAGE_ID);
    manifest.put("version", SihhaIg.PACKAGE_VERSION);
    manifest.put("type", "fhir.ig");
    manifest.put("title", "Sihha HIE Implementation Guide");
    manifest.put("description", "Profiles, extensions, terminology, capability statements and examples of the Sihha"
        + " health information exchange (FHIR R4)");
    manifest.put("author", "Sihha HIE");
    manifest.put("canonical", SihhaIg.CANONICAL);
    manifest.put("url", SihhaIg.CANONICAL);
    manifest.put("fhirVersions", List.of("4.0.1"));
    manifest.put("dependencies", Map.of("hl7.fhir.r4.core", "4.0.1"));
    return manifest;
  }

  private static Map<String, Object> index(List<Resource> resources) {
    List<Map<String, Object>> files = new ArrayList<>();
    for (Resource resource : resources) {
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("filename", fileName(resource));
      file.put("resourceType", resource.fhirType());
      file.put("id", resource.getIdPart());
      if (resource instanceof MetadataResource metadata) {
        file.put("url", metadata.getUrl());
        file.put("version", metadata.getVersion());
      }
      if (resource instanceof StructureDefinition sd) {
        file.put("kind", sd.getKind().toCode());
        file.put("type", sd.getType());
      }
      files.add(file);
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("index-version", 1);
    index.put("files", files);
    return index;
  }

  private static String fileName(Resource resource) {
    return resource.fhirType() + "-" + resource.getIdPart() + ".json";
  }

  private byte[] encode(Resource resource) {
    return parser.encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(content.length);
    entry.setModTime(ENTRY_TIME.toEpochMilli());
    tar.putArchiveEntry(entry);
    tar.write(content);
    tar.closeArchiveEntry();
  }
}
