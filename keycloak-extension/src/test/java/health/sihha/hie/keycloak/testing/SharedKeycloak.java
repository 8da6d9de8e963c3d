package health.sihha.hie.keycloak.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Keycloak of a test run: started at most once per test JVM, on first use, and stopped by a shutdown hook.
 * Configured by system properties (the failsafe configuration sets them): {@code sihha.keycloak.home} (unpacked
 * distribution), {@code sihha.keycloak.realm} (realm JSON), {@code sihha.keycloak.providers} (provider jars, separated
 * by the path separator), {@code sihha.keycloak.setup} (the realm's set-up script; by default
 * {@code setup-permissions.sh} in the folder above the realm's, that is {@code keycloak/}). The first use starts
 * Keycloak, runs the set-up script and returns once the realm is ready. With system property
 * {@code sihha.keycloak.url} or environment variable {@code SIHHA_KEYCLOAK_URL} set, nothing is started: that
 * Keycloak, started and set up once for a whole multi-module build (as {@code .ci/run} does), is used once its realm
 * is ready, that is once its set-up script has run.
 */
public final class SharedKeycloak {

  public static final String REALM = "sihha";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(6);
  private static String baseUrl;
  private static String adminPassword;

  private SharedKeycloak() {}

  /** Base URL of the running Keycloak, such as {@code http://127.0.0.1:PORT}. */
  public static synchronized String baseUrl() {
    if (baseUrl == null) {
      String external = System.getProperty("sihha.keycloak.url", System.getenv("SIHHA_KEYCLOAK_URL"));
      baseUrl = external != null && !external.isBlank() ? awaitExternal(external) : startOnce();
    }
    return baseUrl;
  }

  /**
   * The password of the master realm's {@code admin}, for tests that look things up as the realm's administrator:
   * the started Keycloak's, or for one started elsewhere system property {@code sihha.keycloak.admin-password} or
   * environment variable {@code SIHHA_KEYCLOAK_ADMIN_PASSWORD} ({@code .ci/run} exports it; the demo's is
   * {@code admin}).
   */
  public static synchronized String adminPassword() {
    baseUrl();
    if (adminPassword == null) {
      String external = System.getProperty("sihha.keycloak.admin-password",
          System.getenv("SIHHA_KEYCLOAK_ADMIN_PASSWORD"));
      if (external == null || external.isBlank()) {
        throw new IllegalStateException("the admin password of the Keycloak at " + baseUrl + " is not known: set"
            + " SIHHA_KEYCLOAK_ADMIN_PASSWORD (or -Dsihha.keycloak.admin-password)");
      }
      adminPassword = external;
    }
    return adminPassword;
  }

  public static String realmUrl() {
    return baseUrl() + "/realms/" + REALM;
  }

  public static String tokenEndpoint() {
    return realmUrl() + "/protocol/openid-connect/token";
  }

  public static String authorizationEndpoint() {
    return realmUrl() + "/protocol/openid-connect/auth";
  }

  private static String awaitExternal(String url) {
    try {
      KeycloakProcess.awaitRealm(url, REALM, START_TIMEOUT, () -> { });
      return url;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Keycloak at " + url, e);
    }
  }

  private static String startOnce() {
    try {
      List<Path> providers = Stream.of(System.getProperty("sihha.keycloak.providers", "").split(File.pathSeparator))
          .filter(p -> !p.isBlank()).map(Path::of).toList();
      Path realm = Path.of(required("sihha.keycloak.realm"));
      Path setup = Path.of(System.getProperty("sihha.keycloak.setup",
          realm.toAbsolutePath().getParent().resolveSibling("setup-permissions.sh").toString()));
      KeycloakProcess keycloak = KeycloakProcess.start(Path.of(required("sihha.keycloak.home")), realm, providers,
          KeycloakProcess.freePort());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(keycloak), "keycloak-stop"));
      keycloak.setUp(setup, REALM, START_TIMEOUT);
      adminPassword = keycloak.adminPassword();
      return keycloak.baseUrl();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Keycloak started", e);
    }
  }

  private static void stop(KeycloakProcess keycloak) {
    try {
      keycloak.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + property + " is not set");
    }
    return value;
  }
}
