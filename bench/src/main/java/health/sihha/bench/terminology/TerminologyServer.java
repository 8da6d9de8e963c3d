package health.sihha.bench.terminology;

import health.sihha.bench.run.ServerProcess;
import health.sihha.bench.stock.StockHapiServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The two terminology servers compared, and how each is started as its own JVM from the repository's jars. */
enum TerminologyServer {

  /**
   * The Sihha terminology server, as built, with its security on as deployed (tokens of the given realm, audience
   * the demo's terminology base, which the realm's tokens name), the benchmark's client ({@code sihha-backend}, a
   * service account of provider-a) among its maintainers so that it may put the benchmark's ValueSet; it loads
   * ICD-10-CM from the seed folder on first start.
   */
  OURS("Sihha terminology", "terminology/server/target/terminology-server-0.1.0-SNAPSHOT.jar", false),

  /** HAPI JPA with the {@code terminology} profile of {@code stock-hapi.yaml}; ICD-10-CM is uploaded to it. */
  STOCK("stock HAPI", "bench/target/sihha-bench.jar", true);

  static final String HEAP = "-Xmx1g";
  static final String STOCK_PROFILE = "terminology";
  static final String AUDIENCE = "http://127.0.0.1:8090/fhir";
  static final String MAINTAINERS = "ministry,provider-a";

  private final String label;
  private final String jar;
  private final boolean needsUpload;

  TerminologyServer(String label, String jar, boolean needsUpload) {
    this.label = label;
    this.jar = jar;
    this.needsUpload = needsUpload;
  }

  String label() {
    return label;
  }

  boolean needsUpload() {
    return needsUpload;
  }

  Path jar(Path root) {
    return root.resolve(jar);
  }

  /** Starts this server on a free loopback port with a fresh temporary folder for its data and log. */
  ServerProcess start(Path root, Path seedDir, String issuer) {
    Path workDir = ServerProcess.createTempDir("sihha-bench-terminology-" + name().toLowerCase(Locale.ROOT) + "-");
    int port = ServerProcess.freePort();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return ServerProcess.start(label, command(java, root, seedDir, issuer, port, workDir.resolve("data")), workDir, port);
  }

  List<String> command(Path java, Path root, Path seedDir, String issuer, int port, Path dataDir) {
    List<String> command = new ArrayList<>(List.of(java.toString(), HEAP));
    if (this == STOCK) {
      command.add("-Dloader.main=" + StockHapiServer.class.getName());
    }
    command.addAll(List.of("-jar", jar(root).toString(), "--server.address=127.0.0.1", "--server.port=" + port));
    if (this == STOCK) {
      command.addAll(List.of("--sihha.fhir.data-dir=" + dataDir, "--spring.profiles.active=" + STOCK_PROFILE));
    } else {
      command.addAll(List.of("--sihha.terminology.data-dir=" + dataDir,
          "--sihha.terminology.seed-dir=" + seedDir.toAbsolutePath().normalize(), "--sihha.security.issuer=" + issuer,
          "--sihha.security.audience=" + AUDIENCE, "--sihha.security.maintaining-facilities=" + MAINTAINERS));
    }
    return List.copyOf(command);
  }
}
