package health.sihha.hie.terminology.load;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared terminology data folder for the tests that load the real distributions. */
public final class SharedData {

  private SharedData() {}

  /**
   * {@code /work/shared/data/terminology}, or {@code ../shared/data/terminology} from the repository root (found by
   * walking up from the working directory); the test is skipped when neither exists.
   */
  public static Path terminology() {
    Path absolute = Path.of("/work/shared/data/terminology");
    if (Files.isDirectory(absolute)) {
      return absolute;
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve(".git")) || Files.isRegularFile(dir.resolve(".git"))) {
        Path relative = dir.resolve("../shared/data/terminology").normalize();
        assumeTrue(Files.isDirectory(relative), "no shared data folder: " + absolute + " nor " + relative);
        return relative;
      }
    }
    assumeTrue(false, "no shared data folder: " + absolute + " and no repository root above the working directory");
    return absolute;
  }

  /** A file or folder of the shared data folder, e.g. {@code icd10cm/icd10cm_2021_codes.csv}. */
  public static Path file(String relative) {
    return terminology().resolve(relative);
  }
}
