package health.sihha.bench.ingest;

import static health.sihha.bench.run.ServerProcess.freePort;

import health.sihha.bench.run.ServerProcess;
import health.sihha.bench.stock.StockHapiServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The two servers compared, and how each is started as its own JVM from the repository's built jars. */
enum ServerUnderTest {

  /**
   * The Sihha provider server, as built, with its own defaults, as an OAuth2 resource server of the realm (which names
   * the demo base {@link #PROVIDER_AUDIENCE} in its tokens' {@code aud}).
   */
  PROVIDER("provider", "fhir-provider-server/target/fhir-provider-server-0.1.0-SNAPSHOT.jar"),

  /** HAPI JPA with default settings and no Sihha interceptors. */
  STOCK("stock HAPI", "bench/target/sihha-bench.jar");

  static final String HEAP = "-Xmx1g";
  static final String PROVIDER_AUDIENCE = "http://127.0.0.1:8081/fhir";

  private final String label;
  private final String jar;

  ServerUnderTest(String label, String jar) {
    this.label = label;
    this.jar = jar;
  }

  String label() {
    return label;
  }

  Path jar(Path root) {
    return root.resolve(jar);
  }

  /**
   * Starts this server on a free loopback port, with a fresh temporary folder for its data and log.
   *
   * @param issuer the Keycloak realm whose tokens the provider takes
   */
  ServerProcess start(Path root, String issuer) {
    Path workDir = ServerProcess.createTempDir("sihha-bench-" + name().toLowerCase(Locale.ROOT) + "-");
    int port = freePort();
    int unusedPort = freePort();
    while (unusedPort == port) {
      unusedPort = freePort();
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return ServerProcess.start(label, command(java, root, port, workDir.resolve("data"), unusedPort, issuer), workDir, port);
  }

  /**
   * The command that starts this server on a loopback port with a fresh data folder.
   *
   * @param unusedPort a port nothing listens on: the provider's ministry deliveries go there, fail and are retried
   * @param issuer the Keycloak realm whose tokens the provider takes
   */
  List<String> command(Path java, Path root, int port, Path dataDir, int unusedPort, String issuer) {
    List<String> command = new ArrayList<>(List.of(java.toString(), HEAP));
    if (this == STOCK) {
      command.add("-Dloader.main=" + StockHapiServer.class.getName());
    }
    command.addAll(List.of("-jar", jar(root).toString(),
        "--server.address=127.0.0.1", "--server.port=" + port, "--sihha.fhir.data-dir=" + dataDir));
    if (this == PROVIDER) {
      // provider-a with its public base as audience: the loader's sihha-backend is bound to that facility and base
      command.addAll(List.of("--sihha.provider.ministry-ingest-url=http://127.0.0.1:" + unusedPort + "/ingest",
          "--sihha.provider.id=provider-a", "--sihha.security.enabled=true", "--sihha.security.issuer=" + issuer,
          "--sihha.security.audience=" + PROVIDER_AUDIENCE));
    } else {
      command.add("--sihha.security.enabled=false");
    }
    return List.copyOf(command);
  }
}
