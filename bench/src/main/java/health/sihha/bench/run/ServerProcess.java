package health.sihha.bench.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.ServerSocket;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A server started as a child JVM on a loopback port, its output going to {@code server.log} in its work folder.
 * Closing it stops the process (SIGTERM, then SIGKILL after a grace period); a shutdown hook stops it too if the
 * benchmark's JVM ends first.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Duration GRACE = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final String LOG = "server.log";

  private final String name;
  private final Process process;
  private final Path workDir;
  private final int port;
  private final Path log;
  private final Thread stopOnExit;
  private final long startedNanos = System.nanoTime();

  private ServerProcess(String name, Process process, Path workDir, int port) {
    this.name = name;
    this.process = process;
    this.workDir = workDir;
    this.port = port;
    this.log = workDir.resolve(LOG);
    this.stopOnExit = new Thread(this::stop, "stop " + name);
    Runtime.getRuntime().addShutdownHook(stopOnExit);
  }

  public static ServerProcess start(String name, List<String> command, Path workDir, int port) {
    try {
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(workDir.resolve(LOG).toFile())
          .start();
      return new ServerProcess(name, process, workDir, port);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + command, e);
    }
  }

  /** The folder holding the server's data and {@code server.log}. */
  public Path workDir() {
    return workDir;
  }

  public String fhirBase() {
    return rootUrl() + "/fhir";
  }

  /** {@code http://127.0.0.1:<port>}, where the server's other endpoints are (actuator, ingestion). */
  public String rootUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The CPU time (user and system) the server's process has used so far, where the platform tells. */
  public Optional<Duration> cpuTime() {
    return process.toHandle().info().totalCpuDuration();
  }

  /** The server's resident memory now and at its peak so far, where the platform tells (Linux). */
  public Optional<ResidentMemory> residentMemory() {
    try {
      long current = -1;
      long peak = -1;
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
        if (line.startsWith("VmRSS:")) {
          current = kilobytes(line);
        } else if (line.startsWith("VmHWM:")) {
          peak = kilobytes(line);
        }
      }
      return current < 0 || peak < 0 ? Optional.empty() : Optional.of(new ResidentMemory(current, peak));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static long kilobytes(String statusLine) {
    return Long.parseLong(statusLine.replaceAll("[^0-9]", "")) * 1024;
  }

  /**
   * Waits until the readiness probe answers 200 and says how long the server took to start.
   *
   * @throws IllegalStateException if the process exits or is not ready in time
   */
  public Duration awaitReady(Duration timeout) {
    URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
    HttpClient http = HttpClient.newBuilder().connectTimeout(POLL).build();
    HttpRequest probe = HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(5)).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with status " + process.exitValue() + "; see " + log);
      }
      if (answersOk(http, probe)) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
      }
      sleep(POLL);
    }
    throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; see " + log);
  }

  /** A loopback port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /** {@code count} distinct loopback ports nothing listens on right now. */
  public static List<Integer> freePorts(int count) {
    Set<Integer> ports = new LinkedHashSet<>();
    while (ports.size() < count) {
      ports.add(freePort());
    }
    return List.copyOf(ports);
  }

  /** A fresh temporary folder for one server's data and log. */
  public static Path createTempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder " + prefix + "*", e);
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the JVM is already exiting; the hook has stopped the process or is stopping it
    }
  }

  private void stop() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(GRACE.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static boolean answersOk(HttpClient http, HttpRequest probe) {
    try {
      return http.send(probe, BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYetListening) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the server", e);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the server", e);
    }
  }
}
