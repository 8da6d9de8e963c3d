package health.sihha.hie.interceptors.cpabe.client;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * A client app's own P-256 key pair, which the ministry wraps user keys to: the private key never leaves the app,
 * the public key goes to {@code $cpabe-user-key} as a base64 SubjectPublicKeyInfo.
 */
public final class AppKeyPair {

  static final String CURVE = "secp256r1";

  private final KeyPair keys;

  private AppKeyPair(KeyPair keys) {
    this.keys = keys;
  }

  /** A new P-256 key pair. */
  public static AppKeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(CURVE));
      return new AppKeyPair(generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new InternalErrorException(Codes.of(1588) + "P-256 key generation is not available", e);
    }
  }

  /** The JDK key pair, e.g. to keep it in a key store. */
  public KeyPair keyPair() {
    return keys;
  }

  /** The public key as DER SubjectPublicKeyInfo. */
  public byte[] publicKeySpki() {
    return keys.getPublic().getEncoded();
  }

  /** {@link #publicKeySpki()} in base64, as {@code $cpabe-user-key} takes it. */
  public String publicKeyBase64() {
    return Base64.getEncoder().encodeToString(publicKeySpki());
  }

  /**
   * Reads a P-256 public key from DER SubjectPublicKeyInfo; anything else (malformed, RSA, another curve) is
   * {@link InvalidRequestException} (SIHHA-1575).
   */
  public static ECPublicKey parsePublicKey(byte[] spki) {
    requireNonNull(spki, "spki");
    ECPublicKey key;
    try {
      if (!(KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki)) instanceof ECPublicKey ec)) {
        throw new InvalidRequestException(Codes.of(1575) + "the client key is not an EC public key");
      }
      key = ec;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new InvalidRequestException(Codes.of(1575) + "the client key is not a DER SubjectPublicKeyInfo of a P-256"
          + " public key: " + e.getMessage());
    }
    if (!isP256(key.getParams())) {
      throw new InvalidRequestException(Codes.of(1575) + "the client key is on another curve than P-256");
    }
    return key;
  }

  /** SHA-256 of the SubjectPublicKeyInfo: what a wrap is bound to. */
  public static byte[] fingerprint(ECPublicKey key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
    } catch (GeneralSecurityException e) {
      throw new InternalErrorException(Codes.of(1588) + "SHA-256 is not available", e);
    }
  }

  private static boolean isP256(ECParameterSpec params) {
    ECParameterSpec p256 = P256.SPEC;
    return params.getCurve().equals(p256.getCurve()) && params.getGenerator().equals(p256.getGenerator())
        && params.getOrder().equals(p256.getOrder()) && params.getCofactor() == p256.getCofactor();
  }

  /** The curve's parameters, computed once. */
  private static final class P256 {
    static final ECParameterSpec SPEC = spec();

    private static ECParameterSpec spec() {
      try {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(CURVE));
        return parameters.getParameterSpec(ECParameterSpec.class);
      } catch (GeneralSecurityException e) {
        throw new InternalErrorException(Codes.of(1588) + "P-256 is not available", e);
      }
    }
  }
}
