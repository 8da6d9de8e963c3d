package health.sihha.hie.interceptors.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An issuer for tests: RSA keys, a JWKS served over HTTP on a loopback port (the verifier's real remote path), and
 * tokens signed with them.
 */
public final class TestTokens {

  public static final URI ISSUER = URI.create("http://127.0.0.1:8180/realms/sihha");
  public static final String AUDIENCE = "http://127.0.0.1:8081/fhir";
  public static final String FACILITY = "provider-a";

  private final HttpServer server;
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile RSAKey key;
  private volatile JWKSet published;

  public TestTokens() {
    key = newKey("key-1");
    published = new JWKSet(key.toPublicJWK());
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/certs", exchange -> {
      fetches.incrementAndGet();
      byte[] body = published.toString(true).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  public URI jwksUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/certs");
  }

  public TokenSettings settings() {
    return new TokenSettings(ISSUER, jwksUri(), AUDIENCE, TokenSettings.DEFAULT_CLOCK_SKEW);
  }

  /** A verifier that fetches this issuer's JWKS over HTTP. */
  public TokenVerifier verifier() {
    return new JwtTokenVerifier(settings());
  }

  public int fetches() {
    return fetches.get();
  }

  /** Claims of a valid token for a user of {@link #FACILITY}, valid five minutes, with {@code scope}. */
  public JWTClaimsSet.Builder claims(String scope) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER.toString())
        .audience(List.of(AUDIENCE, "http://127.0.0.1:8082/fhir"))
        .subject("user-1")
        .claim("azp", "sihha-smart-app")
        .claim("scope", scope)
        .claim("facility", FACILITY)
        .claim("region", "north")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
  }

  /** A token with {@code scope}, the roles and, when not null, the launch patient. */
  public String token(String scope, String patient, String... roles) {
    JWTClaimsSet.Builder claims = claims(scope).claim("roles", List.of(roles));
    if (patient != null) {
      claims.claim("patient", patient);
    }
    return sign(claims);
  }

  public String sign(JWTClaimsSet.Builder claims) {
    return sign(claims, key);
  }

  /** Signs with {@code signingKey}, which the JWKS may not publish. */
  public static String sign(JWTClaimsSet.Builder claims, RSAKey signingKey) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
        claims.build());
    try {
      jwt.sign(new RSASSASigner(signingKey));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  /** Starts signing with a new key, published next to the old one, as an issuer rotating its keys does. */
  public void rotate(String keyId) {
    RSAKey next = newKey(keyId);
    published = new JWKSet(List.of(next.toPublicJWK(), key.toPublicJWK()));
    key = next;
  }

  public static RSAKey newKey(String keyId) {
    try {
      return new RSAKeyGenerator(2048).keyID(keyId).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
