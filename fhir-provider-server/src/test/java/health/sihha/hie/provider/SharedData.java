package health.sihha.hie.provider;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The project's real test data in {@code ../shared/data}, found from any module directory. */
final class SharedData {

  private SharedData() {}

  /** The Synthea R4 folder; the calling test is skipped, saying why, only when {@code ../shared} is absent. */
  static Path syntheaR4() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data/synthea-r4");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    assumeTrue(false, "../shared/data/synthea-r4 is not beside this clone: Synthea tests skipped");
    throw new IllegalStateException("unreachable");
  }

  /** The first patient bundle in file-name order. */
  static Path firstPatientBundle() {
    try (Stream<Path> files = Files.list(syntheaR4())) {
      return files.filter(f -> f.getFileName().toString().matches("[A-Z].*_[0-9a-f-]{36}\\.json")).sorted().findFirst()
          .orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
