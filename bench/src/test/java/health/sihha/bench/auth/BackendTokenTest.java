package health.sihha.bench.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import health.sihha.bench.synthea.CommandLineArgs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The backend client's assertion, signed with the realm's demo key, and when its tokens are renewed. */
class BackendTokenTest {

  private static final Path DEMO_KEY = Path.of("..").resolve(BackendCredentials.DEMO_KEY);
  private static final URI ENDPOINT = BackendCredentials.tokenEndpointOf(BackendCredentials.DEMO_ISSUER + "/");

  @Test
  void theAssertionIsTheSmartBackendServicesJwtSignedWithTheClientsKey() throws Exception {
    BackendCredentials credentials = new BackendCredentials(ENDPOINT, "sihha-backend", DEMO_KEY,
        BackendCredentials.DEMO_KEY_ID, "system/*.cruds");
    BackendToken token = BackendToken.of(credentials);
    Instant now = Instant.parse("2026-01-01T10:00:00Z");

    SignedJWT assertion = SignedJWT.parse(token.assertion(now));

    assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS384);
    assertThat(assertion.getHeader().getKeyID()).isEqualTo("sihha-backend-demo");
    assertThat(assertion.getJWTClaimsSet().getIssuer()).isEqualTo("sihha-backend");
    assertThat(assertion.getJWTClaimsSet().getSubject()).isEqualTo("sihha-backend");
    assertThat(assertion.getJWTClaimsSet().getAudience())
        .containsExactly("http://127.0.0.1:8180/realms/sihha/protocol/openid-connect/token");
    assertThat(assertion.getJWTClaimsSet().getJWTID()).isNotBlank();
    assertThat(assertion.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(now.plusSeconds(120));
    assertThat(assertion.verify(new RSASSAVerifier(publicKeyOf(DEMO_KEY)))).isTrue();
  }

  @Test
  void tokensAreRenewedAMinuteBeforeTheyExpireOrHalfwayWhenShortLived() {
    Instant issued = Instant.parse("2026-01-01T10:00:00Z");
    assertThat(BackendToken.renewalTime(issued, Duration.ofMinutes(5))).isEqualTo(issued.plusSeconds(240));
    assertThat(BackendToken.renewalTime(issued, Duration.ofSeconds(60))).isEqualTo(issued.plusSeconds(30));
  }

  @Test
  void theDemoClientUnlessTheCommandLineSaysOtherwise() {
    Set<String> known = BackendCredentials.OPTIONS;
    assertThat(BackendCredentials.from(CommandLineArgs.parse(new String[0], known), ENDPOINT)).hasValue(
        new BackendCredentials(ENDPOINT, "sihha-backend", Path.of(BackendCredentials.DEMO_KEY), "sihha-backend-demo",
            "system/*.cruds"));
    assertThat(BackendCredentials.from(CommandLineArgs.parse(new String[] {"--token-endpoint", "none"}, known),
        ENDPOINT)).isEmpty();
  }

  @Test
  void aMissingKeyFailsBeforeAnythingIsSent() {
    BackendCredentials credentials = new BackendCredentials(ENDPOINT, "sihha-backend", Path.of("no-such-key.pem"),
        "kid", "system/*.cruds");
    assertThatThrownBy(() -> BackendToken.of(credentials)).hasMessageContaining("no-such-key.pem");
  }

  /** The public half of the demo key, as the realm holds it in the client's JWKS. */
  private static RSAPublicKey publicKeyOf(Path pem) throws Exception {
    String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    RSAPrivateCrtKey key = (RSAPrivateCrtKey) rsa.generatePrivate(
        new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    return (RSAPublicKey) rsa.generatePublic(new RSAPublicKeySpec(key.getModulus(), key.getPublicExponent()));
  }
}
