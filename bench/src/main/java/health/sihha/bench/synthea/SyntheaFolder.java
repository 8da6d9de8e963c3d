package health.sihha.bench.synthea;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundles of one Synthea output folder, in load order.
 *
 * @param dir the folder
 * @param sharedBundles the hospital and practitioner bundles ({@code hospitalInformation*.json} first, then
 *     {@code practitionerInformation*.json}), which patient bundles reference and so must be loaded first
 * @param patientBundles one bundle per patient, sorted by file name so that "the first N" is stable
 */
public record SyntheaFolder(Path dir, List<Path> sharedBundles, List<Path> patientBundles) {

  static final String HOSPITALS = "hospitalInformation";
  static final String PRACTITIONERS = "practitionerInformation";
  /** Synthea 3.x writes its run settings next to the bundles; it is not a bundle. */
  static final String RUN_METADATA = "synthea-run-metadata.json";

  public SyntheaFolder {
    sharedBundles = List.copyOf(sharedBundles);
    patientBundles = List.copyOf(patientBundles);
  }

  public static SyntheaFolder scan(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("not a folder: " + dir.toAbsolutePath());
    }
    List<Path> json = jsonFiles(dir);
    List<Path> shared = Stream.concat(
            json.stream().filter(file -> name(file).startsWith(HOSPITALS)),
            json.stream().filter(file -> name(file).startsWith(PRACTITIONERS)))
        .toList();
    List<Path> patients = json.stream()
        .filter(file -> !shared.contains(file))
        .filter(file -> !name(file).equals(RUN_METADATA))
        .toList();
    return new SyntheaFolder(dir, shared, patients);
  }

  /** The first {@code count} patient bundles in file-name order, or all of them if there are fewer. */
  public List<Path> firstPatients(int count) {
    return patientBundles.subList(0, Math.min(count, patientBundles.size()));
  }

  private static List<Path> jsonFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(file -> name(file).endsWith(".json"))
          .sorted(Comparator.comparing(SyntheaFolder::name))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  private static String name(Path file) {
    return file.getFileName().toString();
  }
}
