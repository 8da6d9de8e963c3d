package health.sihha.bench.synthea;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Synthea sample folders of the project's shared data: {@code /work/shared}, or {@code shared/} beside the
 * repository (seen from the module or the repository root). Tests that need them are skipped, with a message, only
 * when no shared folder exists at all; a shared folder without the samples fails them.
 */
final class SyntheaSamples {

  private static final List<Path> SHARED = List.of(
      Path.of("/work/shared"), Path.of("..", "shared"), Path.of("..", "..", "shared"));

  private SyntheaSamples() {}

  /** {@code data/synthea-r4}: 100 Synthea 2.4 patients, plus hospital and practitioner bundles. */
  static Path r4() {
    return folder("synthea-r4");
  }

  /** {@code data/synthea-r4-modern}: 2 Synthea 3.x patients, plus hospital and practitioner batch bundles. */
  static Path modern() {
    return folder("synthea-r4-modern");
  }

  private static Path folder(String name) {
    Optional<Path> shared = SHARED.stream().filter(Files::isDirectory).findFirst();
    assumeTrue(shared.isPresent(),
        "skipped: the Synthea samples live in the shared data folder, and neither /work/shared nor ../shared exists");
    return shared.get().resolve("data").resolve(name);
  }
}
