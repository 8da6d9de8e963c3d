package health.sihha.hie.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Sihha server jar running in its own JVM on loopback, as it runs in production; stopped by PID on close. Shared
 * by the end-to-end tests of the provider and the ministry through this module's test jar.
 */
public final class ServerProcess implements AutoCloseable {

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private ServerProcess(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  public static ServerProcess start(String name, Path jar, Path workDir, int port, List<String> args) throws IOException {
    Files.createDirectories(workDir);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m", "-jar", jar.toString(),
        "--server.port=" + port, "--sihha.fhir.data-dir=" + workDir.resolve(name + "-data")));
    command.addAll(args);
    Path log = workDir.resolve(name + ".log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(log.toFile())).start();
    return new ServerProcess(name, port, process, log);
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String fhirBase() {
    return "http://127.0.0.1:" + port + "/fhir";
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  /** Waits until {@code GET path} answers 200. */
  public void awaitReady(String path, Duration timeout) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    URI readiness = URI.create("http://127.0.0.1:" + port + path);
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited during start-up, see " + log);
      }
      try {
        if (http.send(HttpRequest.newBuilder(readiness).build(), BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // the server is still starting: poll again
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(name + " not ready within " + timeout + ", see " + log);
  }

  /** Kills the server's JVM at once (SIGKILL), as a crash or a power cut would: no shutdown hook runs. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
