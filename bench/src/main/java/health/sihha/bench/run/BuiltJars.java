package health.sihha.bench.run;

import java.nio.file.Files;
import java.nio.file.Path;

/** The jars the build leaves in the repository's module folders, which the benchmarks start as child JVMs. */
public final class BuiltJars {

  private static final String VERSION = "0.1.0-SNAPSHOT";

  private BuiltJars() {}

  /** {@code <root>/<module>/target/<module>-0.1.0-SNAPSHOT.jar}, such as the provider's or the ministry's. */
  public static Path server(Path root, String module) {
    return root.resolve(module + "/target/" + module + "-" + VERSION + ".jar");
  }

  /** {@code <root>/bench/target/sihha-bench.jar}, which also holds the stock HAPI server. */
  public static Path bench(Path root) {
    return root.resolve("bench/target/sihha-bench.jar");
  }

  /**
   * The jar, checked to be there, so that a benchmark fails before it starts anything.
   *
   * @throws IllegalStateException naming the build that makes it
   */
  public static Path built(Path jar) {
    if (!Files.isRegularFile(jar)) {
      String module = jar.toAbsolutePath().getParent().getParent().getFileName().toString();
      throw new IllegalStateException(jar + " not found: build first (mvn -B -q package -DskipTests -pl bench,"
          + module + " -am)");
    }
    return jar;
  }
}
