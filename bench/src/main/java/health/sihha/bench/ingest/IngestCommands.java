package health.sihha.bench.ingest;

import health.sihha.bench.run.BuiltJars;
import health.sihha.bench.stock.StockHapiServer;
import jakarta.annotation.Nullable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The command lines of the servers of a load, each its own JVM from the repository's built jars, on a loopback port
 * with a fresh data folder: stock HAPI, the Sihha provider (security on, as an OAuth2 resource server of the realm)
 * and the Sihha ministry its notifications go to (security on too).
 */
final class IngestCommands {

  static final String HEAP = "-Xmx1g";
  static final String PROVIDER_ID = "provider-a";
  /** The demo bases the realm's tokens name in {@code aud}: the servers check those, whatever port they run on. */
  static final String PROVIDER_AUDIENCE = "http://127.0.0.1:8081/fhir";
  static final String MINISTRY_AUDIENCE = "http://127.0.0.1:8080/fhir";
  static final String INGESTION_AUDIENCE = "http://127.0.0.1:8080/ingest";
  /** Deep enough that HAPI's validator and transaction stacks are rarely cut (JFR keeps 64 frames by default). */
  static final int STACK_DEPTH = 256;

  private final Path java;
  private final Path root;
  private final String issuer;

  /**
   * @param java the {@code java} launcher
   * @param root the repository, whose modules' {@code target} folders hold the jars
   * @param issuer the Keycloak realm whose tokens the provider and the ministry take
   */
  IngestCommands(Path java, Path root, String issuer) {
    this.java = java;
    this.root = root;
    this.issuer = issuer;
  }

  /** Stock HAPI, with the variant's profiles (none, or {@code validating}). */
  List<String> stock(Variant variant, Database database, int port, Path dataDir) {
    List<String> command = new ArrayList<>(List.of(java.toString(), HEAP,
        "-Dloader.main=" + StockHapiServer.class.getName(), "-jar", BuiltJars.bench(root).toString()));
    command.addAll(server(port, dataDir));
    command.add("--sihha.security.enabled=false");
    command.addAll(storage(database, Database.STOCK, variant.profiles()));
    return List.copyOf(command);
  }

  /**
   * The provider, as {@value #PROVIDER_ID} (the facility the loader's backend client is bound to).
   *
   * @param ministryPort where its notifications go: a live ministry's port, or one nothing listens on
   * @param unusedPort a port nothing listens on: its terminology replica follows no server, so that it holds the same
   *     (nothing but UCUM's grammar) in every load, whatever else runs on the machine
   * @param recording where JDK Flight Recorder writes the recording when the JVM exits; none when null
   */
  List<String> provider(Variant variant, Database database, int port, Path dataDir, int ministryPort, int unusedPort,
      @Nullable Path recording) {
    List<String> command = new ArrayList<>(List.of(java.toString(), HEAP));
    if (recording != null) {
      command.add("-XX:StartFlightRecording=filename=" + recording + ",settings=profile");
      command.add("-XX:FlightRecorderOptions=stackdepth=" + STACK_DEPTH);
    }
    command.addAll(List.of("-jar", BuiltJars.server(root, "fhir-provider-server").toString()));
    command.addAll(server(port, dataDir));
    command.addAll(List.of("--sihha.provider.id=" + PROVIDER_ID,
        "--sihha.provider.ministry-ingest-url=http://127.0.0.1:" + ministryPort + "/ingest",
        "--sihha.terminology.replica.source-url=http://127.0.0.1:" + unusedPort + "/fhir"));
    command.addAll(security(PROVIDER_AUDIENCE));
    command.addAll(storage(database, Database.PROVIDER, variant.profiles()));
    command.addAll(variant.arguments());
    return List.copyOf(command);
  }

  /**
   * The ministry, with the provider as its only registered provider.
   *
   * @param providerBase the provider's FHIR base, which its notifications name and the ministry reads back from
   * @param unusedPort a port nothing listens on, for its terminology replica, as for the provider
   */
  List<String> ministry(Database database, int port, Path dataDir, String providerBase, int unusedPort) {
    List<String> command = new ArrayList<>(List.of(java.toString(), HEAP,
        "-jar", BuiltJars.server(root, "fhir-ministry-server").toString()));
    command.addAll(server(port, dataDir));
    // a list given here replaces the application's list of providers as a whole
    command.addAll(List.of("--sihha.ministry.providers[0].id=" + PROVIDER_ID,
        "--sihha.ministry.providers[0].name=" + PROVIDER_ID,
        "--sihha.ministry.providers[0].fhir-base=" + providerBase,
        "--sihha.ministry.ingestion-audience=" + INGESTION_AUDIENCE,
        "--sihha.terminology.replica.source-url=http://127.0.0.1:" + unusedPort + "/fhir"));
    command.addAll(security(MINISTRY_AUDIENCE));
    command.addAll(storage(database, Database.MINISTRY, List.of()));
    return List.copyOf(command);
  }

  private static List<String> server(int port, Path dataDir) {
    return List.of("--server.address=127.0.0.1", "--server.port=" + port, "--sihha.fhir.data-dir=" + dataDir);
  }

  private List<String> security(String audience) {
    return List.of("--sihha.security.enabled=true", "--sihha.security.issuer=" + issuer,
        "--sihha.security.audience=" + audience);
  }

  private static List<String> storage(Database database, String server, List<String> profiles) {
    List<String> arguments = new ArrayList<>();
    List<String> active = Stream.concat(database.profiles().stream(), profiles.stream()).toList();
    if (!active.isEmpty()) {
      arguments.add("--spring.profiles.active=" + String.join(",", active));
    }
    arguments.addAll(database.arguments(server));
    return arguments;
  }
}
