package health.sihha.hie.interceptors.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JwtTokenVerifierTest {

  private static final TestTokens TOKENS = new TestTokens();

  private final TokenVerifier verifier = TOKENS.verifier();

  @Test
  void aValidTokenGivesItsGrant() {
    String token = TOKENS.sign(TOKENS.claims("openid fhirUser patient/Observation.rs")
        .claim("azp", "provider-a")
        .claim("roles", List.of("nurse"))
        .claim("patient", "p1")
        .claim("fhirUser", "Practitioner/pa-nurse"));

    SmartGrant grant = verifier.verify(token);

    assertThat(grant.subject()).isEqualTo("user-1");
    assertThat(grant.clientId()).isEqualTo("provider-a");
    assertThat(grant.scopes().has("fhirUser")).isTrue();
    assertThat(grant.scopes().permits(Interaction.SEARCH, "Observation")).isTrue();
    assertThat(grant.roles()).containsExactly("nurse");
    assertThat(grant.facility()).isEqualTo("provider-a");
    assertThat(grant.region()).isEqualTo("north");
    assertThat(grant.patient()).isEqualTo("p1");
    assertThat(grant.fhirUser()).isEqualTo("Practitioner/pa-nurse");
    assertThat(grant.expiresAt()).isAfter(Instant.now());
  }

  @Test
  void keycloakRealmAccessRolesAreReadWhenThereIsNoRolesClaim() {
    String token = TOKENS.sign(TOKENS.claims("system/*.rs").claim("realm_access", Map.of("roles", List.of("system"))));
    assertThat(verifier.verify(token).hasRole("system")).isTrue();
  }

  @Test
  void anExpiredTokenIsRefusedBeyondTheClockSkew() {
    Instant now = Instant.now();
    String late = TOKENS.sign(TOKENS.claims("user/*.rs").expirationTime(Date.from(now.minusSeconds(120))));
    String withinSkew = TOKENS.sign(TOKENS.claims("user/*.rs").expirationTime(Date.from(now.minusSeconds(30))));

    assertInvalid(late, "Expired JWT");
    assertThat(verifier.verify(withinSkew).subject()).isEqualTo("user-1");
  }

  @Test
  void aTokenNotYetValidIsRefused() {
    String early = TOKENS.sign(TOKENS.claims("user/*.rs").notBeforeTime(Date.from(Instant.now().plusSeconds(600))));
    assertInvalid(early, "before use time");
  }

  @Test
  void theClockSkewIsConfigurable() {
    TokenSettings strict = new TokenSettings(TestTokens.ISSUER, TOKENS.jwksUri(), TestTokens.AUDIENCE, Duration.ZERO);
    String justExpired = TOKENS.sign(TOKENS.claims("user/*.rs").expirationTime(Date.from(Instant.now().minusSeconds(5))));
    assertThat(catchThrowableOfType(() -> new JwtTokenVerifier(strict).verify(justExpired),
        AuthenticationException.class)).isNotNull();
  }

  @Test
  void aForgedSignatureIsRefused() {
    String forged = TestTokens.sign(TOKENS.claims("user/*.cruds"), TestTokens.newKey("key-1"));
    assertInvalid(forged, "signature");
  }

  @Test
  void aKeyTheIssuerDoesNotPublishIsRefused() {
    String unknown = TestTokens.sign(TOKENS.claims("user/*.cruds"), TestTokens.newKey("somebody-else"));
    assertInvalid(unknown, "no matching key");
  }

  @Test
  void theIssuerMustMatch() {
    assertInvalid(TOKENS.sign(TOKENS.claims("user/*.rs").issuer("http://127.0.0.1:8180/realms/other")), "iss");
  }

  @Test
  void theAudienceMustNameThisServer() {
    assertInvalid(TOKENS.sign(TOKENS.claims("user/*.rs").audience("http://127.0.0.1:8090/fhir")), "audience");
    assertInvalid(TOKENS.sign(TOKENS.claims("user/*.rs").audience((String) null)), "aud");
  }

  @Test
  void unsignedHmacAndGarbageTokensAreRefused() throws JOSEException {
    JWTClaimsSet claims = TOKENS.claims("user/*.cruds").build();
    SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    hmac.sign(new MACSigner("a-shared-secret-of-at-least-256-bits!!".getBytes()));

    assertInvalid(new PlainJWT(claims).serialize(), "");
    assertInvalid(hmac.serialize(), "");
    assertInvalid("not.a.jwt", "not a well-formed JWT");
  }

  @Test
  void theHeaderCarriesTheErrorForTheClient() {
    AuthenticationException e = catchThrowableOfType(() -> verifier.verify("garbage"), AuthenticationException.class);
    assertThat(e.getStatusCode()).isEqualTo(401);
    assertThat(e.getMessage()).startsWith("SIHHA-1011: ");
    assertThat(e.getResponseHeaders().get("WWW-Authenticate"))
        .containsExactly("Bearer error=\"invalid_token\", error_description=\"not a well-formed JWT\"");
  }

  @Test
  void aRotatedKeyIsFetchedByItsKeyId() {
    TestTokens issuer = new TestTokens();
    TokenVerifier remote = issuer.verifier();
    assertThat(remote.verify(issuer.sign(issuer.claims("user/*.rs"))).subject()).isEqualTo("user-1");
    assertThat(remote.verify(issuer.sign(issuer.claims("user/*.rs"))).subject()).isEqualTo("user-1");
    assertThat(issuer.fetches()).isEqualTo(1);

    issuer.rotate("key-2");

    assertThat(remote.verify(issuer.sign(issuer.claims("user/*.rs"))).subject()).isEqualTo("user-1");
    assertThat(issuer.fetches()).isEqualTo(2);
  }

  @Test
  void keysCanComeFromAnyJwkSource() {
    RSAKey key = TestTokens.newKey("local");
    TokenVerifier local = new JwtTokenVerifier(TOKENS.settings(), new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())));
    assertThat(local.verify(TestTokens.sign(TOKENS.claims("user/*.rs"), key)).subject()).isEqualTo("user-1");
  }

  @Test
  void aVerifiedTokenIsCheckedOnceThenRemembered() {
    RSAKey key = TestTokens.newKey("local");
    AtomicInteger keyLookups = new AtomicInteger();
    ImmutableJWKSet<SecurityContext> published = new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK()));
    JWKSource<SecurityContext> counted = (selector, context) -> {
      keyLookups.incrementAndGet();
      return published.get(selector, context);
    };
    TokenVerifier remembering = new JwtTokenVerifier(TOKENS.settings(), counted);
    String token = TestTokens.sign(TOKENS.claims("user/*.rs").claim("roles", List.of("nurse")), key);

    SmartGrant first = remembering.verify(token);
    SmartGrant again = remembering.verify(token);

    assertThat(again).isEqualTo(first);
    assertThat(keyLookups).hasValue(1);
  }

  @Test
  void aRememberedTokenIsRefusedOnceItExpires() {
    Instant expiry = Instant.now().plusSeconds(300).truncatedTo(ChronoUnit.SECONDS);
    MutableClock clock = new MutableClock(Instant.now());
    RSAKey key = TestTokens.newKey("local");
    TokenVerifier remembering = new JwtTokenVerifier(TOKENS.settings(),
        new ImmutableJWKSet<>(new JWKSet(key.toPublicJWK())), clock);
    String token = TestTokens.sign(TOKENS.claims("user/*.rs").expirationTime(Date.from(expiry)), key);
    remembering.verify(token);

    clock.set(expiry.plus(TokenSettings.DEFAULT_CLOCK_SKEW));
    assertThat(remembering.verify(token).subject()).isEqualTo("user-1");

    clock.set(expiry.plus(TokenSettings.DEFAULT_CLOCK_SKEW).plusSeconds(1));
    AuthenticationException e = catchThrowableOfType(() -> remembering.verify(token), AuthenticationException.class);
    assertThat(e).isNotNull();
    assertThat(e.getResponseHeaders().get("WWW-Authenticate")).singleElement().asString().contains("Expired JWT");
  }

  @Test
  void aRememberedTokenWithOtherClaimsUnderItsSignatureIsRefused() throws ParseException {
    String token = TOKENS.sign(TOKENS.claims("user/*.rs").claim("roles", List.of("nurse")));
    verifier.verify(token);
    SignedJWT genuine = SignedJWT.parse(token);
    Base64URL elevated = Base64URL.encode(TOKENS.claims("user/*.cruds").claim("roles", List.of("terminologist"))
        .build().toString());

    String tampered = genuine.getHeader().toBase64URL() + "." + elevated + "." + genuine.getSignature();

    assertInvalid(tampered, "signature");
    assertThat(verifier.verify(token).roles()).containsExactly("nurse");
  }

  /** A clock the test sets; its copies in other zones follow it. */
  private static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    MutableClock(Instant now) {
      this(new AtomicReference<>(now), ZoneOffset.UTC);
    }

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
      this.now = now;
      this.zone = zone;
    }

    void set(Instant instant) {
      now.set(instant);
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
      return new MutableClock(now, other);
    }
  }

  private void assertInvalid(String token, String description) {
    AuthenticationException e = catchThrowableOfType(() -> verifier.verify(token), AuthenticationException.class);
    assertThat(e).as("refused: " + description).isNotNull();
    assertThat(e.getResponseHeaders().get("WWW-Authenticate")).singleElement().asString()
        .startsWith("Bearer error=\"invalid_token\"").contains(description);
  }
}
