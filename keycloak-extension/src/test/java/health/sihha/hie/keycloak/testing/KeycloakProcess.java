package health.sihha.hie.keycloak.testing;

import java.io.File;
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
 * realm imported from JSON and provider jars deployed, then set up by the realm's set-up script
 * ({@code keycloak/setup-permissions.sh}: admin permissions, then the realm is enabled); stopped by PID on close. Its
 * H2 database is wiped before the start, so the realm is always the one in the JSON file.
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

  /**
   * Runs the realm's set-up script ({@code bash SCRIPT BASE_URL admin PASSWORD REALM}, which waits for the admin API
   * itself; output in {@code home/setup.log}), then waits until the realm is ready (see {@link #awaitRealm(String,
   * String, Duration, Runnable)}).
   */
  public void setUp(Path script, String realm, Duration timeout) throws IOException, InterruptedException {
    Path setupLog = log.resolveSibling("setup.log");
    Process setup = new ProcessBuilder("bash", script.toString(), baseUrl(), "admin", adminPassword, realm)
        .redirectErrorStream(true).redirectOutput(Redirect.to(setupLog.toFile()))
        .redirectInput(Redirect.from(new File("/dev/null"))).start();
    try {
      if (!setup.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        setup.destroyForcibly();
        throw new IllegalStateException("the realm set-up " + script + " did not end within " + timeout
            + ", see " + setupLog + " and " + log);
      }
    } finally {
      if (setup.isAlive()) {
        setup.destroyForcibly();
      }
    }
    if (setup.exitValue() != 0) {
      throw new IllegalStateException("the realm set-up " + script + " failed (exit " + setup.exitValue() + "), see "
          + setupLog + " and " + log);
    }
    awaitRealm(realm, timeout);
  }

  /** Waits until the realm is ready (see {@link #awaitRealm(String, String, Duration, Runnable)}). */
  public void awaitRealm(String realm, Duration timeout) throws InterruptedException {
    awaitRealm(baseUrl(), realm, timeout, () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited during start-up, see " + log);
      }
    });
  }

  /**
   * Waits until the realm at {@code baseUrl} is ready, calling {@code stillStarting} between polls (it throws when
   * waiting is pointless). The realm is imported disabled and its set-up script enables it last, so ready is when its
   * token endpoint, asked for a token without client credentials, answers 401 {@code invalid_client} (403 while the
   * realm is disabled, 404 before it is imported).
   */
  public static void awaitRealm(String baseUrl, String realm, Duration timeout, Runnable stillStarting)
      throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl + "/realms/" + realm
        + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      stillStarting.run();
      try {
        if (http.send(probe, BodyHandlers.discarding()).statusCode() == 401) {
          return;
        }
      } catch (IOException notYetListening) {
        // still starting: poll again
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("Keycloak realm " + realm + " at " + baseUrl + " not ready within " + timeout
        + " (it is imported disabled: has keycloak/setup-permissions.sh run against it?)");
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
