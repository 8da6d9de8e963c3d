package health.sihha.hie.terminology.replica;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The replica's access token to its source, from the client-credentials grant, reused until shortly before it
 * expires: a sync every few minutes then asks the token endpoint once per token lifetime, not once per request.
 */
final class ClientCredentialsToken {

  /** Renewed this long before {@code expires_in} runs out, so a request never carries a token about to expire. */
  static final Duration EARLY = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final HttpClient http;
  private final ReplicaCredentials credentials;
  private final Clock clock;
  private String token;
  private Instant renewAt = Instant.MIN;

  ClientCredentialsToken(HttpClient http, ReplicaCredentials credentials, Clock clock) {
    this.http = requireNonNull(http);
    this.credentials = requireNonNull(credentials);
    this.clock = requireNonNull(clock);
  }

  /** A token valid for a while yet: the held one, or a new one. */
  synchronized String get() throws IOException, InterruptedException {
    if (token == null || !clock.instant().isBefore(renewAt)) {
      fetch();
    }
    return token;
  }

  /** Forgets {@code refused} (the source answered 401 to it, e.g. after a key rotation), so the next get renews. */
  synchronized void discard(String refused) {
    if (refused.equals(token)) {
      token = null;
    }
  }

  /** When a token issued at {@code issued} for {@code lifetime} is renewed: {@link #EARLY} before, or halfway. */
  static Instant renewalTime(Instant issued, Duration lifetime) {
    Duration early = lifetime.compareTo(EARLY.multipliedBy(2)) > 0 ? EARLY : lifetime.dividedBy(2);
    return issued.plus(lifetime).minus(early);
  }

  private void fetch() throws IOException, InterruptedException {
    Instant asked = clock.instant();
    String form = Map.of("grant_type", "client_credentials", "client_id", credentials.clientId(),
            "client_secret", credentials.clientSecret(), "scope", credentials.scope())
        .entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
        .collect(Collectors.joining("&"));
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(credentials.tokenEndpoint())
        .timeout(TIMEOUT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(BodyPublishers.ofString(form))
        .build(), BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("no access token for client " + credentials.clientId() + ": " + credentials.tokenEndpoint()
          + " answered HTTP " + response.statusCode() + " " + response.body());
    }
    try {
      Map<String, Object> json = JSONObjectUtils.parse(response.body());
      String accessToken = JSONObjectUtils.getString(json, "access_token");
      if (accessToken == null) {
        throw new IOException("the token response of " + credentials.tokenEndpoint() + " has no access_token");
      }
      long expiresIn = json.get("expires_in") instanceof Number seconds ? seconds.longValue() : 60;
      token = accessToken;
      renewAt = renewalTime(asked, Duration.ofSeconds(expiresIn));
    } catch (ParseException e) {
      throw new IOException("the token response of " + credentials.tokenEndpoint() + " is not JSON", e);
    }
  }
}
