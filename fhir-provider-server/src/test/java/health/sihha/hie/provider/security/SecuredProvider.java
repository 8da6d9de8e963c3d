package health.sihha.hie.provider.security;

import health.sihha.hie.keycloak.testing.SharedKeycloak;
import health.sihha.hie.server.testing.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The provider jar as an OAuth2 resource server of the shared Keycloak, started at most once per test JVM (on first
 * use) and stopped by a shutdown hook, so every security IT of this module talks to the same process.
 *
 * <p>The realm's tokens name the demo FHIR bases in {@code aud}, so the provider, on a random port, is told that its
 * public base is {@code http://127.0.0.1:8081/fhir} ({@code sihha.security.audience}) and that it is
 * {@code provider-a}, as in the demo.
 */
public final class SecuredProvider {

  public static final String AUDIENCE = "http://127.0.0.1:8081/fhir";
  public static final String FACILITY = "provider-a";
  /** About 35 s on a quiet 2-core machine; over 4 min when several builds share it. */
  private static final Duration START_UP = Duration.ofSeconds(420);
  private static ServerProcess provider;
  /** Why the one start failed: the later callers get it at once instead of starting another JVM. */
  private static RuntimeException failure;

  private SecuredProvider() {}

  /** The FHIR base of the running provider, such as {@code http://127.0.0.1:PORT/fhir}. */
  public static synchronized String fhirBase() {
    if (failure != null) {
      throw failure;
    }
    if (provider == null) {
      try {
        provider = start();
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(SecuredProvider::stop, "secured-provider-stop"));
    }
    return provider.fhirBase();
  }

  private static ServerProcess start() {
    ServerProcess started = null;
    Path work = Path.of(System.getProperty("sihha.it.work-dir")).resolve("secured-provider");
    try {
      deleteRecursively(work);
      started = ServerProcess.start("secured-provider", Path.of(System.getProperty("sihha.it.provider-jar")),
          work, ServerProcess.freePort(), List.of(
              "--spring.profiles.active=keycloak",
              "--sihha.security.enabled=true",
              "--sihha.security.issuer=" + SharedKeycloak.realmUrl(),
              "--sihha.security.audience=" + AUDIENCE,
              // the realm's one-second test tokens must be seen expiring without a minute's wait
              "--sihha.security.clock-skew=1s",
              "--sihha.provider.id=" + FACILITY,
              // the README's stock-alert Subscription (ReadmeExamplesIT), allowed as the README says
              "--sihha.provider.subscriptions.allowed-endpoints=https://pharmacy\\.example/.*",
              "--sihha.provider.ministry-ingest-url=http://127.0.0.1:" + ServerProcess.freePort() + "/ingest",
              "--sihha.terminology.replica.source-url=http://127.0.0.1:" + ServerProcess.freePort() + "/fhir"));
      started.awaitReady("/actuator/health/readiness", START_UP);
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopQuietly(started);
      throw new IllegalStateException("interrupted while the provider started", e);
    } catch (Exception e) {
      stopQuietly(started);
      throw new IllegalStateException("the secured provider did not start", e);
    }
  }

  /** A provider that did not get ready is stopped here: no shutdown hook knows it. */
  private static void stopQuietly(ServerProcess started) {
    if (started != null) {
      try {
        started.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void stop() {
    try {
      provider.close();
    } catch (Exception e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }
}
