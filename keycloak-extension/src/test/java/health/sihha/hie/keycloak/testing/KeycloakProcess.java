package health.sihha.hie.keycloak.testing;

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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One Keycloak server ({@code kc.sh start-dev}) from an unpacked {@code keycloak-quarkus-dist}, on loopback, with a
 * realm imported from JSON and provider jars deployed; stopped by PID on close. Its H2 database is wiped before the
 * start, so the realm is always the one in the JSON file.
 */
public final class KeycloakProcess implements AutoCloseable {

  private final int port;
  private final String adminPassword;
  private final Process process;
  private final Path log;

  private KeycloakProcess(int port, String adminPassword, Process process, Path log) {
    this.port = port;
    this.adminPassword = adminPassword;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts Keycloak from {@code home} (the unpacked distribution) on {@code port}, importing {@code realm} and
   * deploying {@code providers}; the output goes to {@code home/keycloak.log}.
   */
  public static KeycloakProcess start(Path home, Path realm, List<Path> providers, int port) throws IOException {
    Path kc = home.resolve("bin/kc.sh");
    if (!Files.isRegularFile(kc)) {
      throw new IllegalStateException("no Keycloak distribution at " + home + " (mvn pre-integration-test unpacks it)");
    }
    kc.toFile().setExecutable(true);
    deleteRecursively(home.resolve("data"));
    Path imports = Files.createDirectories(home.resolve("data/import"));
    Files.copy(realm, imports.resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    Path providerDir = Files.createDirectories(home.resolve("providers"));
    for (Path jar : providers) {
      Files.copy(jar, providerDir.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    String adminPassword = UUID.randomUUID().toString();
    Path log = home.resolve("keycloak.log");
    ProcessBuilder builder = new ProcessBuilder(kc.toString(), "start-dev", "--http-host=127.0.0.1",
        "--http-port=" + port, "--http-management-port=" + freePort(), "--import-realm")
        .directory(home.toFile()).redirectErrorStream(true).redirectOutput(Redirect.to(log.toFile()));
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m");
    env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
    env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
    return new KeycloakProcess(port, adminPassword, builder.start(), log);
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String adminPassword() {
    return adminPassword;
  }

  public long pid() {
    return process.pid();
  }

  /** Waits until the realm's OpenID Connect discovery document answers 200. */
  public void awaitRealm(String realm, Duration timeout) throws InterruptedException {
    awaitRealm(baseUrl(), realm, timeout, () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited during start-up, see " + log);
      }
    });
  }

  /**
   * Waits until the realm's OpenID Connect discovery document at {@code baseUrl} answers 200, calling
   * {@code stillStarting} between polls (it throws when waiting is pointless).
   */
  public static void awaitRealm(String baseUrl, String realm, Duration timeout, Runnable stillStarting)
      throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    URI discovery = URI.create(baseUrl + "/realms/" + realm + "/.well-known/openid-configuration");
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      stillStarting.run();
      try {
        if (http.send(HttpRequest.newBuilder(discovery).build(), BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // still starting: poll again
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Keycloak realm " + realm + " at " + baseUrl + " not ready within " + timeout);
  }

  /** SIGTERM to kc.sh (which passes it on to its JVM), SIGKILL to what is left after 20 s. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      tree.forEach(ProcessHandle::destroyForcibly);
      process.waitFor();
    }
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
