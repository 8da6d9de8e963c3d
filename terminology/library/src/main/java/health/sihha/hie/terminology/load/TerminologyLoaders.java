package health.sihha.hie.terminology.load;

import health.sihha.hie.terminology.load.icd10cm.Icd10CmLoader;
import health.sihha.hie.terminology.load.loinc.LoincLoader;
import health.sihha.hie.terminology.load.rxnorm.RxNormLoader;
import health.sihha.hie.terminology.load.ucum.UcumLoader;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of code system loaders by name, and the entry point to load a distribution from a path or from an
 * uploaded stream.
 */
public final class TerminologyLoaders {

  private static final Logger LOG = LoggerFactory.getLogger(TerminologyLoaders.class);

  private final Map<String, CodeSystemLoader> loaders = new LinkedHashMap<>();

  public TerminologyLoaders(List<CodeSystemLoader> loaders) {
    for (CodeSystemLoader loader : loaders) {
      if (this.loaders.putIfAbsent(loader.name(), loader) != null) {
        throw new IllegalArgumentException("two loaders are named " + loader.name());
      }
    }
  }

  /** The loaders for ICD-10-CM, LOINC, RxNorm and UCUM. */
  public static TerminologyLoaders standard() {
    return new TerminologyLoaders(
        List.of(new Icd10CmLoader(), new LoincLoader(), new RxNormLoader(), new UcumLoader()));
  }

  /** The registered names, in registration order. */
  public List<String> names() {
    return List.copyOf(loaders.keySet());
  }

  /** The loader registered under a name. */
  public CodeSystemLoader loader(String name) {
    CodeSystemLoader loader = loaders.get(name);
    if (loader == null) {
      throw new TerminologyLoadException(
          "no terminology loader named '" + name + "'; valid names: " + String.join(", ", loaders.keySet()));
    }
    return loader;
  }

  /** Loads a distribution file, directory or zip. */
  public TerminologyPackage load(String name, Path path, @Nullable String version) {
    CodeSystemLoader loader = loader(name);
    long start = System.nanoTime();
    try (LoadSource source = LoadSource.of(path)) {
      TerminologyPackage result = loader.load(source, version);
      LOG.info(
          "loaded {} {} from {}: {} concepts in {} ms",
          name,
          result.codeSystem().getVersion(),
          path,
          result.codeSystem().getCount(),
          (System.nanoTime() - start) / 1_000_000);
      return result;
    }
  }

  /**
   * Loads an uploaded distribution (a single file or a zip). The content is spooled to a temporary file, deleted
   * afterwards, because zips need random access.
   *
   * @param fileName the uploaded file's name, which may carry the version (e.g. {@code Loinc_2.77.zip})
   */
  public TerminologyPackage load(String name, String fileName, InputStream content, @Nullable String version) {
    CodeSystemLoader loader = loader(name);
    Path directory = null;
    Path file = null;
    try {
      directory = Files.createTempDirectory("terminology-upload");
      file = directory.resolve(safeFileName(fileName));
      Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
      return load(loader.name(), file, version);
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot spool the upload " + fileName + ": " + e.getMessage(), e);
    } finally {
      delete(file);
      delete(directory);
    }
  }

  private static String safeFileName(String fileName) {
    String base = fileName.substring(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
    String safe = base.replaceAll("[^A-Za-z0-9._-]", "_");
    return safe.isEmpty() || safe.startsWith(".") ? "upload" + safe : safe;
  }

  private static void delete(@Nullable Path path) {
    if (path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the temporary file " + path, e);
      }
    }
  }
}
