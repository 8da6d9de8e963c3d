package health.sihha.hie.interceptors.security;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import health.sihha.hie.interceptors.Codes;
import java.net.MalformedURLException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a signed JWT access token with Nimbus: the signature against the issuer's JWKS (RS256, RS384 or ES256
 * only), {@code iss} exactly the configured issuer, {@code aud} containing this server's audience, {@code exp} and
 * {@code nbf} within the configured clock skew; then reads the SMART grant from its claims.
 *
 * <p>The JWKS is fetched from the configured URL on first use and cached (5 minutes, refreshed ahead of expiry); a
 * token signed with a key id the cache does not know makes it fetch again, so the issuer can rotate keys, at most
 * once every 10 seconds so that forged key ids cannot flood the issuer.
 *
 * <p>A token that passed is remembered by its text until it expires, so a client sending the same token with every
 * request has it checked once: the signature check is most of the CPU of a small request such as a terminology
 * {@code $lookup}. Only verified tokens are remembered, so forged ones cannot fill the memory; a remembered token is
 * refused once it expires beyond the clock skew, as a checked one would be. A token signed with a key the issuer has
 * since withdrawn stays accepted until it expires, as it is between two fetches of the keys anyway.
 */
public final class JwtTokenVerifier implements TokenVerifier {

  /** The signature algorithms accepted; none, HMAC and everything else are refused. */
  public static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.ES256);

  private static final Duration CACHE_TTL = Duration.ofMinutes(5);
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration MIN_REFETCH_INTERVAL = Duration.ofSeconds(10);
  /** At most this many verified tokens are remembered; a token is a kilobyte or two. */
  static final int MAX_REMEMBERED = 10_000;

  private final ConfigurableJWTProcessor<SecurityContext> processor;
  private final Duration clockSkew;
  private final Clock clock;
  private final Map<String, SmartGrant> verified = new ConcurrentHashMap<>();

  /** A verifier that fetches the keys from {@link TokenSettings#jwksUri()}. */
  public JwtTokenVerifier(TokenSettings settings) {
    this(settings, remoteKeys(settings));
  }

  /** A verifier that takes the keys from {@code keys}, e.g. an in-memory JWK set. */
  public JwtTokenVerifier(TokenSettings settings, JWKSource<SecurityContext> keys) {
    this(settings, keys, Clock.systemUTC());
  }

  /** A verifier whose remembered tokens expire by {@code clock}. */
  JwtTokenVerifier(TokenSettings settings, JWKSource<SecurityContext> keys, Clock clock) {
    requireNonNull(settings);
    this.clockSkew = settings.clockSkew();
    this.clock = requireNonNull(clock);
    DefaultJWTProcessor<SecurityContext> jwt = new DefaultJWTProcessor<>();
    jwt.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, requireNonNull(keys)));
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        settings.audience(),
        new JWTClaimsSet.Builder().issuer(settings.issuer().toString()).build(),
        Set.of("sub", "exp"));
    claims.setMaxClockSkew(Math.toIntExact(settings.clockSkew().toSeconds()));
    jwt.setJWTClaimsSetVerifier(claims);
    this.processor = jwt;
  }

  @Override
  public SmartGrant verify(String bearerToken) {
    SmartGrant remembered = verified.get(bearerToken);
    if (remembered == null) {
      SmartGrant grant = check(bearerToken);
      remember(bearerToken, grant);
      return grant;
    }
    if (expired(remembered, clock.instant())) {
      verified.remove(bearerToken);
      throw Unauthorized.invalidToken("Expired JWT");
    }
    return remembered;
  }

  private boolean expired(SmartGrant grant, Instant now) {
    return now.isAfter(grant.expiresAt().plus(clockSkew));
  }

  private void remember(String bearerToken, SmartGrant grant) {
    if (verified.size() >= MAX_REMEMBERED) {
      Instant now = clock.instant();
      verified.values().removeIf(held -> expired(held, now));
      if (verified.size() >= MAX_REMEMBERED) {
        verified.clear();
      }
    }
    verified.put(bearerToken, grant);
  }

  private SmartGrant check(String bearerToken) {
    JWTClaimsSet claims;
    try {
      claims = processor.process(bearerToken, null);
    } catch (ParseException e) {
      throw Unauthorized.invalidToken("not a well-formed JWT");
    } catch (BadJOSEException e) {
      throw Unauthorized.invalidToken(e.getMessage());
    } catch (JOSEException e) {
      throw new InternalErrorException(Codes.of(1012) + "the token signing keys cannot be checked now", e);
    }
    try {
      return grant(claims);
    } catch (ParseException e) {
      throw Unauthorized.invalidToken("unexpected claim type: " + e.getMessage());
    }
  }

  private static SmartGrant grant(JWTClaimsSet claims) throws ParseException {
    return new SmartGrant(
        claims.getSubject(),
        claims.getStringClaim("azp"),
        SmartScopes.parse(scopeClaim(claims)),
        Set.copyOf(roles(claims)),
        claims.getStringClaim("facility"),
        claims.getStringClaim("region"),
        claims.getStringClaim("specialty"),
        claims.getStringClaim("patient"),
        claims.getStringClaim("fhirUser"),
        claims.getExpirationTime().toInstant());
  }

  private static String scopeClaim(JWTClaimsSet claims) throws ParseException {
    return claims.getClaim("scope") instanceof List<?>
        ? String.join(" ", claims.getStringListClaim("scope"))
        : claims.getStringClaim("scope");
  }

  private static List<String> roles(JWTClaimsSet claims) throws ParseException {
    List<String> roles = claims.getStringListClaim("roles");
    if (roles != null) {
      return roles;
    }
    Map<String, Object> realmAccess = claims.getJSONObjectClaim("realm_access");
    if (realmAccess != null && realmAccess.get("roles") instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return List.of();
  }

  private static JWKSource<SecurityContext> remoteKeys(TokenSettings settings) {
    try {
      return JWKSourceBuilder.create(settings.jwksUri().toURL())
          .cache(CACHE_TTL.toMillis(), FETCH_TIMEOUT.toMillis())
          .rateLimited(MIN_REFETCH_INTERVAL.toMillis())
          .retrying(true)
          .build();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("jwksUri is not a URL: " + settings.jwksUri(), e);
    }
  }
}
