package health.sihha.bench.run;

import java.nio.file.Files;
import java.nio.file.Path;

/** The jars the build leaves in the repository's module folders, which the benchmarks start as child JVMs. */
public final class BuiltJars {

  private static final String VERSION = "0.1.0-SNAPSHOT";

  private BuiltJars() {}

  /** {@code <root>/<module>/target/<module>-0.1.0-SNAPSHOT.jar}, such as the provider's or the ministry's. */
  public static Path server(Path root, String module) {
    return existing(root.resolve(module + "/target/" + module + "-" + VERSION + ".jar"), module);
  }

  /** {@code <root>/bench/target/sihha-bench.jar}, which also holds the stock HAPI server. */
  public static Path bench(Path root) {
    return existing(root.resolve("bench/target/sihha-bench.jar"), "bench");
  }

  private static Path existing(Path jar, String module) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " not found: build first (mvn -B -q package -DskipTests -pl bench,"
          + module + " -am)");
    }
    return jar;
  }
}
