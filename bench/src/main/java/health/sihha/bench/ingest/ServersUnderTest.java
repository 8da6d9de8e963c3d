package health.sihha.bench.ingest;

import health.sihha.bench.run.ServerProcess;
import jakarta.annotation.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The servers of one load: the server under test and, for the variants with a live ministry, the ministry it
 * delivers to, started first and stopped last. Each has its data and {@code server.log} in its own folder of the
 * load's work folder. Closing stops them.
 */
final class ServersUnderTest implements AutoCloseable {

  private final ServerProcess server;
  @Nullable private final ServerProcess ministry;
  private final double startupSeconds;

  private ServersUnderTest(ServerProcess server, @Nullable ServerProcess ministry, double startupSeconds) {
    this.server = server;
    this.ministry = ministry;
    this.startupSeconds = startupSeconds;
  }

  /**
   * Starts the variant's servers and waits until they are ready; stops what it started if one fails.
   *
   * @param recording the provider's flight recording file; none when null
   */
  static ServersUnderTest start(IngestCommands commands, Variant variant, Database database, Path workDir,
      @Nullable Path recording, Duration timeout) {
    List<Integer> ports = ServerProcess.freePorts(3);
    int port = ports.get(0);
    int unusedPort = ports.get(2);
    if (!variant.provider()) {
      Path dir = folder(workDir.resolve("stock"));
      ServerProcess stock = ServerProcess.start(variant.label(),
          commands.stock(variant, database, port, dir.resolve("data")), dir, port);
      return ready(stock, null, timeout);
    }
    ServerProcess ministry = null;
    int ministryPort = unusedPort;
    if (variant.liveMinistry()) {
      ministryPort = ports.get(1);
      Path dir = folder(workDir.resolve("ministry"));
      ministry = ServerProcess.start("ministry", commands.ministry(database, ministryPort, dir.resolve("data"),
          "http://127.0.0.1:" + port + "/fhir", unusedPort), dir, ministryPort);
      awaitOrStop(ministry, timeout);
    }
    try {
      Path dir = folder(workDir.resolve("provider"));
      ServerProcess provider = ServerProcess.start(variant.label(), commands.provider(variant, database, port,
          dir.resolve("data"), ministryPort, unusedPort, recording), dir, port);
      return ready(provider, ministry, timeout);
    } catch (RuntimeException e) {
      if (ministry != null) {
        ministry.close();
      }
      throw e;
    }
  }

  ServerProcess server() {
    return server;
  }

  /** The ministry, for the variants with a live one. */
  Optional<ServerProcess> ministry() {
    return Optional.ofNullable(ministry);
  }

  /** From the start of the server under test until its readiness probe answered. */
  double startupSeconds() {
    return startupSeconds;
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      if (ministry != null) {
        ministry.close();
      }
    }
  }

  /** Waits for the server under test; stops it if it is not ready (the caller stops the ministry). */
  private static ServersUnderTest ready(ServerProcess server, @Nullable ServerProcess ministry, Duration timeout) {
    Duration took = awaitOrStop(server, timeout);
    return new ServersUnderTest(server, ministry, took.toMillis() / 1e3);
  }

  private static Duration awaitOrStop(ServerProcess process, Duration timeout) {
    try {
      return process.awaitReady(timeout);
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
  }

  private static Path folder(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }
}
