package health.sihha.bench.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The access token of a SMART Backend Services client: the client-credentials grant authenticated with a
 * {@code private_key_jwt} assertion signed RS384 (SMART Backend Services, RFC 7523), kept until shortly before it
 * expires, so that a load of many bundles asks for a new one only when the held one runs out. Thread-safe.
 */
public final class BackendToken {

  /** A token is renewed this long before it expires: a large bundle takes tens of seconds to post. */
  static final Duration EARLY = Duration.ofSeconds(60);
  private static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(2);
  private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private final BackendCredentials credentials;
  private final PrivateKey key;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Clock clock;
  private String token;
  private Instant renewAt = Instant.MIN;

  BackendToken(BackendCredentials credentials, PrivateKey key, Clock clock) {
    this.credentials = requireNonNull(credentials);
    this.key = requireNonNull(key);
    this.clock = requireNonNull(clock);
  }

  /** The token source of {@code credentials}, its key read now (a missing or malformed key fails here). */
  public static BackendToken of(BackendCredentials credentials) {
    return new BackendToken(credentials, readPkcs8(credentials), Clock.systemUTC());
  }

  /** A token valid for at least a minute yet (or half its lifetime): the held one or a new one. */
  public synchronized String get() {
    if (token == null || !clock.instant().isBefore(renewAt)) {
      fetch();
    }
    return token;
  }

  /** When a token obtained at {@code issued}, valid for {@code lifetime}, is renewed. */
  static Instant renewalTime(Instant issued, Duration lifetime) {
    Duration early = lifetime.compareTo(EARLY.multipliedBy(2)) > 0 ? EARLY : lifetime.dividedBy(2);
    return issued.plus(lifetime).minus(early);
  }

  /** The signed client assertion for one token request. */
  String assertion(Instant now) {
    JWTClaimsSet claims = new JWTClaimsSet.Builder()
        .issuer(credentials.clientId())
        .subject(credentials.clientId())
        .audience(credentials.tokenEndpoint().toString())
        .jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
        .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).type(JOSEObjectType.JWT)
        .keyID(credentials.keyId()).build(), claims);
    try {
      jwt.sign(new RSASSASigner(key));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign the client assertion with " + credentials.key(), e);
    }
    return jwt.serialize();
  }

  private void fetch() {
    Instant asked = clock.instant();
    String form = Map.of("grant_type", "client_credentials", "scope", credentials.scope(),
            "client_assertion_type", ASSERTION_TYPE, "client_assertion", assertion(asked))
        .entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
        .collect(Collectors.joining("&"));
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(credentials.tokenEndpoint())
          .timeout(Duration.ofSeconds(30))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(BodyPublishers.ofString(form))
          .build(), BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("no token: " + credentials.tokenEndpoint() + " cannot be reached: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking for a token", e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException("no token for " + credentials.clientId() + ": " + credentials.tokenEndpoint()
          + " answered HTTP " + response.statusCode() + " " + response.body());
    }
    try {
      Map<String, Object> json = JSONObjectUtils.parse(response.body());
      long expiresIn = json.get("expires_in") instanceof Number seconds ? seconds.longValue() : 60;
      token = requireNonNull(JSONObjectUtils.getString(json, "access_token"), "access_token");
      renewAt = renewalTime(asked, Duration.ofSeconds(expiresIn));
    } catch (ParseException e) {
      throw new IllegalStateException("the token response is not JSON: " + response.body(), e);
    }
  }

  private static PrivateKey readPkcs8(BackendCredentials credentials) {
    try {
      String base64 = Files.readString(credentials.key()).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
      return KeyFactory.getInstance("RSA")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the client key " + credentials.key(), e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(credentials.key() + " is not a PKCS#8 PEM RSA private key", e);
    }
  }
}
