package health.sihha.bench.auth;

import static java.util.Objects.requireNonNull;

import health.sihha.bench.synthea.CommandLineArgs;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * A SMART Backend Services client: its id, the private key it signs its {@code private_key_jwt} assertions with, and
 * where and for which scope it asks for tokens. The defaults are the demo realm's {@code sihha-backend}, bound to
 * provider-a (its tokens name provider-a's server and the terminology); the realm's {@code sihha-backend-b}, with its
 * own demo key, is provider-b's.
 *
 * @param tokenEndpoint the realm's token endpoint, which is also the assertions' {@code aud}
 * @param clientId the client, {@code iss} and {@code sub} of its assertions
 * @param key the PKCS#8 PEM file of its RSA private key
 * @param keyId the key's id ({@code kid}) in the client's registered JWKS
 * @param scope the scope asked for
 */
public record BackendCredentials(URI tokenEndpoint, String clientId, Path key, String keyId, String scope) {

  public static final String DEMO_ISSUER = "http://127.0.0.1:8180/realms/sihha";
  public static final String DEMO_CLIENT = "sihha-backend";
  public static final String DEMO_KEY = "keycloak/realm/sihha-backend.demo-key.pem";
  public static final String DEMO_KEY_ID = "sihha-backend-demo";
  public static final String DEFAULT_SCOPE = "system/*.cruds";

  /** The command-line options read by {@link #from}. */
  public static final Set<String> OPTIONS = Set.of("token-endpoint", "client-id", "key", "key-id", "scope");

  /** The usage text of those options. */
  public static final String USAGE = "[--token-endpoint URL (" + DEMO_ISSUER + "/protocol/openid-connect/token,"
      + " none: no token)] [--client-id ID (" + DEMO_CLIENT + ")] [--key PEM (" + DEMO_KEY + ")]"
      + " [--key-id KID (" + DEMO_KEY_ID + ")] [--scope SCOPE (" + DEFAULT_SCOPE + ")]";

  public BackendCredentials {
    requireNonNull(tokenEndpoint);
    requireNonNull(clientId);
    requireNonNull(key);
    requireNonNull(keyId);
    requireNonNull(scope);
  }

  /** The token endpoint of the Keycloak realm at {@code issuer}. */
  public static URI tokenEndpointOf(String issuer) {
    return URI.create(issuer.replaceAll("/+$", "") + "/protocol/openid-connect/token");
  }

  /**
   * The credentials of the command line, the demo's for what it does not name; empty with
   * {@code --token-endpoint none}, for a server that requires no token.
   *
   * @param defaultTokenEndpoint the token endpoint when {@code --token-endpoint} is not given
   */
  public static Optional<BackendCredentials> from(CommandLineArgs options, URI defaultTokenEndpoint) {
    String endpoint = options.get("token-endpoint", defaultTokenEndpoint.toString());
    if (endpoint.equals("none")) {
      return Optional.empty();
    }
    return Optional.of(new BackendCredentials(URI.create(endpoint), options.get("client-id", DEMO_CLIENT),
        Path.of(options.get("key", DEMO_KEY)), options.get("key-id", DEMO_KEY_ID),
        options.get("scope", DEFAULT_SCOPE)));
  }
}
