package health.sihha.hie.terminology.replica;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * How a replica authenticates to a source that requires bearer tokens: the OAuth2 client-credentials grant of the
 * server's own confidential client.
 *
 * @param tokenEndpoint the issuer's token endpoint, e.g. {@code <issuer>/protocol/openid-connect/token}
 * @param clientId the client, e.g. {@code provider-a}
 * @param clientSecret its secret
 * @param scope the scope asked for, e.g. {@code system/*.rs}
 */
public record ReplicaCredentials(URI tokenEndpoint, String clientId, String clientSecret, String scope) {

  public ReplicaCredentials {
    requireNonNull(tokenEndpoint);
    requireNonNull(clientId);
    requireNonNull(clientSecret);
    requireNonNull(scope);
  }

  @Override
  public String toString() {
    return "ReplicaCredentials[" + clientId + " at " + tokenEndpoint + ", scope " + scope + "]";
  }
}
