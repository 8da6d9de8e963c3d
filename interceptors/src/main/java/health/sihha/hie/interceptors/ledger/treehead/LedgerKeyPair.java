package health.sihha.hie.interceptors.ledger.treehead;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;

/**
 * A ledger node's Ed25519 signing key pair (the JDK's own {@code Ed25519}, RFC 8032). Kept as PKCS#8 (the private
 * key) and X.509 SubjectPublicKeyInfo (the public key), both DER: the JDK does not derive an Ed25519 public key from
 * a private one, so both are kept, and checked to belong together when loaded.
 */
public final class LedgerKeyPair {

  static final String ALGORITHM = "Ed25519";

  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private LedgerKeyPair(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = requireNonNull(privateKey);
    this.publicKey = requireNonNull(publicKey);
  }

  /** A fresh key pair. */
  public static LedgerKeyPair generate() {
    try {
      KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
      return new LedgerKeyPair(pair.getPrivate(), pair.getPublic());
    } catch (GeneralSecurityException e) {
      throw new InternalErrorException(Codes.of(1481) + "this Java platform cannot make Ed25519 keys", e);
    }
  }

  /** The key pair of a PKCS#8 private key and an X.509 SPKI public key, refused unless they belong together. */
  public static LedgerKeyPair fromEncoded(byte[] privateKeyPkcs8, byte[] publicKeySpki) {
    PrivateKey privateKey;
    try {
      privateKey = KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(privateKeyPkcs8));
    } catch (GeneralSecurityException e) {
      throw new InvalidRequestException(Codes.of(1482) + "not an Ed25519 PKCS#8 private key", e);
    }
    LedgerKeyPair pair = new LedgerKeyPair(privateKey, LedgerPublicKey.fromSpki(publicKeySpki).key());
    byte[] probe = "sihha ledger key pair check".getBytes(StandardCharsets.US_ASCII);
    if (!TreeHeads.verify(pair.publicKey, probe, pair.sign(probe))) {
      throw new InvalidRequestException(Codes.of(1483) + "the ledger's private and public keys do not belong together");
    }
    return pair;
  }

  /** The private key as PKCS#8 DER, to keep in a secret store. */
  public byte[] privateKeyPkcs8() {
    return privateKey.getEncoded();
  }

  /** The public key as X.509 SubjectPublicKeyInfo DER. */
  public byte[] publicKeySpki() {
    return publicKey.getEncoded();
  }

  /** The public key, in the forms it is published in. */
  public LedgerPublicKey publicKey() {
    return new LedgerPublicKey(publicKey);
  }

  /** The Ed25519 signature of {@code data}. */
  byte[] sign(byte[] data) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(privateKey);
      signature.update(data);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new InternalErrorException(Codes.of(1481) + "Ed25519 signing failed", e);
    }
  }

  /** Never the private key. */
  @Override
  public String toString() {
    return "LedgerKeyPair[Ed25519, " + publicKey().keyId() + "]";
  }
}
