package health.sihha.hie.interceptors.cpabe.client;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import health.sihha.hie.interceptors.cpabe.scheme.Wire;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A CP-ABE user key wrapped to one client app's P-256 key, as {@code $cpabe-user-key} delivers it: ECDH P-256
 * (an ephemeral key of the ministry's with the app's static key), HKDF-SHA256, AES-256-GCM.
 *
 * <pre>
 * "SHUW" | version 1 | ephemeral public key (u16 length + DER SubjectPublicKeyInfo) | nonce (12)
 * | AES-256-GCM(user key bytes) + tag (16)
 * </pre>
 *
 * <p>Key-encryption key: HKDF-SHA256, salt {@code "sihha-cpabe/v1/user-key-wrap"}, input the ECDH shared secret,
 * info the ephemeral key's SPKI then the app key's SPKI. Associated data: label {@code "sihha-cpabe/v1/user-key-aad"},
 * the subject (u16 length + UTF-8), the epoch (u64) and the SHA-256 of the app key's SPKI, so a wrap opens only for
 * the app, subject and epoch it was made for.
 */
public final class UserKeyWrap {

  static final byte[] MAGIC = "SHUW".getBytes(StandardCharsets.US_ASCII);
  static final int VERSION = 1;

  private static final byte[] SALT = "sihha-cpabe/v1/user-key-wrap".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] AAD_LABEL = "sihha-cpabe/v1/user-key-aad".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE_BYTES = 12;
  private static final int MAX_SPKI_BYTES = 256;

  private UserKeyWrap() {}

  /** Wraps {@code key} to {@code appKey}, for the key's own subject and epoch: what the ministry does. */
  public static byte[] wrap(UserKey key, ECPublicKey appKey, SecureRandom random) {
    requireNonNull(key, "key");
    requireNonNull(appKey, "appKey");
    KeyPair ephemeral = ephemeral(random);
    byte[] ephemeralSpki = ephemeral.getPublic().getEncoded();
    byte[] kek = keyEncryptionKey(ephemeral.getPrivate(), appKey, ephemeralSpki);
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    byte[] plain = key.toBytes();
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad(key.subject(), key.epoch(), appKey));
      byte[] sealed = cipher.doFinal(plain);
      return new Wire.Writer().bytes(MAGIC).u8(VERSION).u16(ephemeralSpki.length).bytes(ephemeralSpki).bytes(nonce)
          .bytes(sealed).toByteArray();
    } catch (GeneralSecurityException e) {
      throw new InternalErrorException(Codes.of(1588) + "wrapping the user key failed", e);
    } finally {
      Arrays.fill(kek, (byte) 0);
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * The user key in {@code wrapped}, opened with the app's key pair, for {@code subject} and {@code epoch} (both
   * returned by {@code $cpabe-user-key}). A wrap that was altered, made for another app key, subject or epoch, or is
   * malformed gives {@link InvalidRequestException} (SIHHA-1576); no partial key is ever returned.
   */
  public static UserKey unwrap(AppKeyPair app, String subject, long epoch, byte[] wrapped) {
    requireNonNull(app, "app");
    requireNonNull(subject, "subject");
    requireNonNull(wrapped, "wrapped");
    Wire.Reader in = new Wire.Reader(wrapped,
        m -> new InvalidRequestException(Codes.of(1576) + "invalid wrapped user key: " + m));
    if (!Arrays.equals(in.bytes(MAGIC.length, "magic"), MAGIC) || in.u8("version") != VERSION) {
      throw in.error("not a version " + VERSION + " user key wrap");
    }
    int spkiLength = in.u16("ephemeral key length");
    if (spkiLength > MAX_SPKI_BYTES) {
      throw in.error("ephemeral key of " + spkiLength + " bytes");
    }
    byte[] ephemeralSpki = in.bytes(spkiLength, "ephemeral key");
    ECPublicKey ephemeral;
    try {
      ephemeral = AppKeyPair.parsePublicKey(ephemeralSpki);
    } catch (InvalidRequestException e) {
      throw in.error(e.getMessage());
    }
    byte[] nonce = in.bytes(NONCE_BYTES, "nonce");
    byte[] sealed = in.bytes(in.remaining(), "wrapped key");
    ECPublicKey appKey = (ECPublicKey) app.keyPair().getPublic();
    byte[] kek = keyEncryptionKey(app.keyPair().getPrivate(), ephemeral, ephemeralSpki, appKey);
    byte[] plain = null;
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonce));
      cipher.updateAAD(aad(subject, epoch, appKey));
      plain = cipher.doFinal(sealed);
      UserKey key = UserKey.fromBytes(plain);
      if (!key.subject().equals(subject) || key.epoch() != epoch) {
        key.destroy();
        throw in.error("the key inside is for another subject or epoch");
      }
      return key;
    } catch (AEADBadTagException e) {
      throw new InvalidRequestException(Codes.of(1576) + "the wrapped user key does not authenticate: altered, or"
          + " wrapped for another app key, subject or epoch");
    } catch (GeneralSecurityException e) {
      throw new InternalErrorException(Codes.of(1588) + "unwrapping the user key failed", e);
    } finally {
      Arrays.fill(kek, (byte) 0);
      if (plain != null) {
        Arrays.fill(plain, (byte) 0);
      }
    }
  }

  private static KeyPair ephemeral(SecureRandom random) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(AppKeyPair.CURVE), random);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new InternalErrorException(Codes.of(1588) + "P-256 key generation is not available", e);
    }
  }

  private static byte[] keyEncryptionKey(PrivateKey ephemeral, ECPublicKey appKey, byte[] ephemeralSpki) {
    return keyEncryptionKey(ephemeral, appKey, ephemeralSpki, appKey);
  }

  private static byte[] keyEncryptionKey(PrivateKey own, ECPublicKey peer, byte[] ephemeralSpki,
      ECPublicKey appKey) {
    byte[] shared;
    try {
      KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
      agreement.init(own);
      agreement.doPhase(peer, true);
      shared = agreement.generateSecret();
    } catch (GeneralSecurityException e) {
      throw new InvalidRequestException(Codes.of(1576) + "ECDH with the given keys failed: " + e.getMessage());
    }
    byte[] appSpki = appKey.getEncoded();
    byte[] info = Arrays.copyOf(ephemeralSpki, ephemeralSpki.length + appSpki.length);
    System.arraycopy(appSpki, 0, info, ephemeralSpki.length, appSpki.length);
    try {
      return Hkdf.sha256(SALT, shared, info);
    } finally {
      Arrays.fill(shared, (byte) 0);
    }
  }

  private static byte[] aad(String subject, long epoch, ECPublicKey appKey) {
    return new Wire.Writer().bytes(AAD_LABEL).utf8(subject).u64(epoch).bytes(AppKeyPair.fingerprint(appKey))
        .toByteArray();
  }
}
