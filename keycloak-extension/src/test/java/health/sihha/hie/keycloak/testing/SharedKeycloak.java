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
 * by the path separator). With system property {@code sihha.keycloak.url} or environment variable
 * {@code SIHHA_KEYCLOAK_URL} set, nothing is started: that Keycloak, started once for a whole multi-module build
 * (as {@code .ci/run} does), is used once its realm answers.
 */
public final class SharedKeycloak {

  public static final String REALM = "sihha";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  private static String baseUrl;

  private SharedKeycloak() {}

  /** Base URL of the running Keycloak, such as {@code http://127.0.0.1:PORT}. */
  public static synchronized String baseUrl() {
    if (baseUrl == null) {
      String external = System.getProperty("sihha.keycloak.url", System.getenv("SIHHA_KEYCLOAK_URL"));
      baseUrl = external != null && !external.isBlank() ? awaitExternal(external) : startOnce();
    }
    return baseUrl;
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
      List<Path> providers = Stream.of(System.getProperty("sihha.keycloak.providers", "").split(File.pathSeparator)).filter(p -> !p.isBlank()).map(Path::of).toList();
      KeycloakProcess keycloak = KeycloakProcess.start(Path.of(required("sihha.keycloak.home")),
          Path.of(required("sihha.keycloak.realm")), providers, KeycloakProcess.freePort());
      Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(keycloak), "keycloak-stop"));
      keycloak.awaitRealm(REALM, START_TIMEOUT);
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
