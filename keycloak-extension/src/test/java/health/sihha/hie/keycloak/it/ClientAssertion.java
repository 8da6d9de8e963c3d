package health.sihha.hie.keycloak.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/** SMART Backend Services client assertion: a JWT signed with RS384 by the client's private key. */
final class ClientAssertion {

  static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

  private ClientAssertion() {}

  static PrivateKey readPkcs8(Path pem) throws IOException, GeneralSecurityException {
    String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  static String sign(PrivateKey key, String kid, String clientId, String tokenEndpoint)
      throws IOException, GeneralSecurityException {
    Instant now = Instant.now();
    String header = OAuth.toJson(Map.of("alg", "RS384", "typ", "JWT", "kid", kid));
    String payload = OAuth.toJson(Map.of("iss", clientId, "sub", clientId, "aud", tokenEndpoint,
        "jti", UUID.randomUUID().toString(), "iat", now.getEpochSecond(), "exp", now.plusSeconds(120).getEpochSecond()));
    String signingInput = base64Url(header) + "." + base64Url(payload);
    Signature signer = Signature.getInstance("SHA384withRSA");
    signer.initSign(key);
    signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signer.sign());
  }

  private static String base64Url(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
