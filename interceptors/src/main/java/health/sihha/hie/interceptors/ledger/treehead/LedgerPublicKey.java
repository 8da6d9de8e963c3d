package health.sihha.hie.interceptors.ledger.treehead;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * A ledger node's published Ed25519 public key, in the forms an auditor receives: X.509 SubjectPublicKeyInfo DER
 * (base64) or a JWK (RFC 8037: {@code {"kty":"OKP","crv":"Ed25519","x":...}}), named by its RFC 7638 thumbprint.
 *
 * @param key the public key
 */
public record LedgerPublicKey(PublicKey key) {

  /** The DER prefix of every Ed25519 SubjectPublicKeyInfo (RFC 8410), before the 32 raw key bytes. */
  private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

  private static final ObjectMapper JSON = new ObjectMapper();

  public LedgerPublicKey {
    requireNonNull(key);
    if (!raw(key.getEncoded()).isPresent()) {
      throw new InvalidRequestException(Codes.of(1482) + "not an Ed25519 public key: " + key.getAlgorithm());
    }
  }

  /** The key of X.509 SubjectPublicKeyInfo DER bytes. */
  public static LedgerPublicKey fromSpki(byte[] spki) {
    try {
      return new LedgerPublicKey(
          KeyFactory.getInstance(LedgerKeyPair.ALGORITHM).generatePublic(new X509EncodedKeySpec(spki)));
    } catch (GeneralSecurityException | ClassCastException e) {
      throw new InvalidRequestException(Codes.of(1482) + "not an Ed25519 SubjectPublicKeyInfo", e);
    }
  }

  /** The key of its base64 SubjectPublicKeyInfo. */
  public static LedgerPublicKey fromBase64Spki(String base64) {
    try {
      return fromSpki(Base64.getDecoder().decode(base64.strip()));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(Codes.of(1482) + "the public key is not base64", e);
    }
  }

  /** The key of a JWK with {@code kty} OKP and {@code crv} Ed25519; other members are ignored. */
  public static LedgerPublicKey fromJwk(String jwk) {
    try {
      JsonNode node = JSON.readTree(jwk);
      if (node == null || !"OKP".equals(node.path("kty").asText()) || !"Ed25519".equals(node.path("crv").asText())
          || !node.path("x").isTextual()) {
        throw new InvalidRequestException(Codes.of(1484) + "not an Ed25519 OKP JWK");
      }
      byte[] x = Base64.getUrlDecoder().decode(node.path("x").asText());
      if (x.length != 32) {
        throw new InvalidRequestException(Codes.of(1484) + "an Ed25519 JWK's x has 32 bytes, not " + x.length);
      }
      byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
      System.arraycopy(x, 0, spki, SPKI_PREFIX.length, 32);
      return fromSpki(spki);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new InvalidRequestException(Codes.of(1484) + "not a JWK", e);
    }
  }

  /** X.509 SubjectPublicKeyInfo DER. */
  public byte[] spki() {
    return key.getEncoded();
  }

  /** X.509 SubjectPublicKeyInfo DER in standard base64, e.g. for a configuration file. */
  public String toBase64Spki() {
    return Base64.getEncoder().encodeToString(spki());
  }

  /** The 32 raw key bytes (RFC 8032). */
  public byte[] raw() {
    return raw(spki()).orElseThrow();
  }

  /** The RFC 7638 JWK thumbprint, base64url: the key's id in the JWK and in logs. */
  public String keyId() {
    String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x() + "\"}";
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Sha256.of(canonical.getBytes(StandardCharsets.US_ASCII)).bytes());
  }

  /** The public JWK: {@code kty}, {@code crv}, {@code x}, {@code kid} (the thumbprint), {@code use} and {@code alg}. */
  public String toJwk() {
    return "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + x() + "\",\"kid\":\"" + keyId()
        + "\",\"use\":\"sig\",\"alg\":\"EdDSA\"}";
  }

  private String x() {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw());
  }

  private static Optional<byte[]> raw(byte[] spki) {
    if (spki == null || spki.length != SPKI_PREFIX.length + 32
        || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
      return Optional.empty();
    }
    return Optional.of(Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length));
  }

  @Override
  public String toString() {
    return "LedgerPublicKey[" + keyId() + "]";
  }
}
