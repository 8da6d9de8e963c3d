package health.sihha.hie.interceptors.cpabe.envelope;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException.Reason;
import health.sihha.hie.interceptors.cpabe.policy.Lsss;
import health.sihha.hie.interceptors.cpabe.policy.Policy;
import health.sihha.hie.interceptors.cpabe.scheme.Encapsulation;
import health.sihha.hie.interceptors.cpabe.scheme.Fabeo;
import health.sihha.hie.interceptors.cpabe.scheme.MasterKey;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hybrid encryption with FABEO as the KEM: a random 256-bit data key encrypts the content with AES-256-GCM; the data
 * key is wrapped with AES-256-GCM under a key-encryption key derived by HKDF-SHA256 from the FABEO secret and the
 * whole ABE header. {@link #rewrap} replaces the header and the wrap and leaves the body's bytes as they are.
 */
public final class Envelopes {

  /** Policies seen recently and their matrices: envelopes of one server use few distinct policies. */
  private static final int MATRIX_CACHE_SIZE = 1024;

  private static final Map<String, Lsss> MATRICES = new ConcurrentHashMap<>();

  private Envelopes() {}

  /**
   * Seals {@code plaintext} under {@code policy} for {@code epoch}. {@code context.policy()} must name the same
   * policy (compared in canonical form), else {@link InvalidRequestException} (SIHHA-1436).
   */
  public static byte[] seal(MasterKey master, String policy, long epoch, byte[] plaintext, SealContext context,
      SecureRandom random) {
    requireNonNull(master, "master");
    requireNonNull(plaintext, "plaintext");
    requireNonNull(context, "context");
    Lsss lsss = matrix(policy);
    String canonical = lsss.policy().text();
    if (!canonical.equals(matrix(context.policy()).policy().text())) {
      throw new InvalidRequestException(Codes.of(1436) + "the seal context names policy '" + context.policy()
          + "' but the content is sealed under '" + canonical + "'");
    }
    byte[] dataKey = new byte[Envelope.DATA_KEY_BYTES];
    random.nextBytes(dataKey);
    try {
      byte[] bodyNonce = nonce(random);
      byte[] body = Aead.seal(dataKey, bodyNonce, plaintext, context.bodyAad());
      return wrap(master, lsss, epoch, dataKey, context, bodyNonce, body, random);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * Opens an envelope with a user key. Throws {@link EnvelopeOpenException} when the envelope is malformed, belongs
   * to another setup or epoch, the key does not satisfy its policy, {@code context} differs from the sealing
   * context, or anything was altered; never returns unauthenticated bytes.
   */
  public static byte[] open(UserKey key, byte[] envelopeBytes, SealContext context) {
    Envelope envelope = Envelope.parse(envelopeBytes);
    byte[] dataKey = openDataKey(key, envelope, context);
    try {
      return openBody(dataKey, envelope, context);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  /**
   * The costly half of {@link #open}: the data key, decapsulated with {@code key} and unwrapped under
   * {@code context}, for a caller that keeps it (per key, {@link #keyDigest} and context) and opens the body with
   * {@link #openBody}. Throws {@link EnvelopeOpenException} as {@link #open} does.
   */
  public static byte[] openDataKey(UserKey key, Envelope envelope, SealContext context) {
    requireNonNull(key, "key");
    requireNonNull(context, "context");
    if (!MessageDigest.isEqual(key.setupId(), envelope.setupId())) {
      throw new EnvelopeOpenException(Reason.WRONG_SETUP, "the key belongs to another setup than the envelope ("
          + envelope.setupIdHex() + ")");
    }
    if (key.epoch() != envelope.epoch()) {
      throw new EnvelopeOpenException(Reason.WRONG_EPOCH, "the key is for epoch " + key.epoch()
          + ", the envelope for epoch " + envelope.epoch());
    }
    Lsss lsss = envelopeMatrix(envelope, context);
    Map<Integer, BigInteger> omega = lsss.coefficients(key.attributes()).orElseThrow(() ->
        new EnvelopeOpenException(Reason.NOT_SATISFIED, "the key's attributes do not satisfy the policy"));
    byte[] gt;
    try {
      gt = Fabeo.decapsulate(key, lsss, envelope.header(), omega);
    } catch (IllegalArgumentException e) {
      throw new EnvelopeOpenException(Reason.MALFORMED, e.getMessage(), e);
    }
    return unwrap(gt, envelope, context, lsss.policy().text());
  }

  /** The body of {@code envelope} under a data key from {@link #openDataKey}, authenticated with {@code context}. */
  public static byte[] openBody(byte[] dataKey, Envelope envelope, SealContext context) {
    requireNonNull(context, "context");
    return Aead.open(dataKey, envelope.bodyNonce(), envelope.body(), context.bodyAad()).orElseThrow(() ->
        new EnvelopeOpenException(Reason.INTEGRITY, "the body does not authenticate: altered, or sealed for"
            + " another resource type, provider id or version"));
  }

  /** SHA-256 of the ABE header and the wrapped data key: what one data key's encapsulation is known by. */
  public static byte[] keyDigest(Envelope envelope) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(envelope.headerBytes());
      sha256.update(envelope.wrapNonce());
      sha256.update(envelope.wrappedKey());
      return sha256.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  /**
   * Re-encrypts the KEM part of an envelope for the master key holder: a new ABE header under {@code newPolicy} and
   * {@code newEpoch}, the same data key wrapped again (with {@code context.withPolicy(newPolicy)} as associated
   * data), the body's nonce and ciphertext copied byte for byte. {@code context} is the one the envelope was sealed
   * with; open the result with {@code context.withPolicy(newPolicy)}.
   */
  public static byte[] rewrap(MasterKey master, byte[] envelopeBytes, SealContext context, String newPolicy,
      long newEpoch, SecureRandom random) {
    requireNonNull(master, "master");
    requireNonNull(context, "context");
    Lsss target = matrix(newPolicy);
    Envelope envelope = Envelope.parse(envelopeBytes);
    if (!MessageDigest.isEqual(master.publicParameters().setupId(), envelope.setupId())) {
      throw new EnvelopeOpenException(Reason.WRONG_SETUP, "the master key belongs to another setup than the"
          + " envelope (" + envelope.setupIdHex() + ")");
    }
    Lsss lsss = envelopeMatrix(envelope, context);
    byte[] gt;
    try {
      gt = Fabeo.recover(master, lsss, envelope.header());
    } catch (IllegalArgumentException e) {
      throw new EnvelopeOpenException(Reason.MALFORMED, e.getMessage(), e);
    }
    byte[] dataKey = unwrap(gt, envelope, context, lsss.policy().text());
    try {
      return wrap(master, target, newEpoch, dataKey, context.withPolicy(target.policy().text()),
          envelope.bodyNonce(), envelope.body(), random);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  private static byte[] wrap(MasterKey master, Lsss lsss, long epoch, byte[] dataKey, SealContext context,
      byte[] bodyNonce, byte[] body, SecureRandom random) {
    String policy = lsss.policy().text();
    Encapsulation encapsulation = Fabeo.encapsulate(master, lsss, epoch, random);
    byte[] header = Envelope.headerBytes(master.publicParameters().setupId(), policy, epoch,
        encapsulation.header());
    byte[] kek = Aead.keyEncryptionKey(encapsulation.secret(), header);
    encapsulation.destroy();
    try {
      byte[] wrapNonce = nonce(random);
      byte[] wrapped = Aead.seal(kek, wrapNonce, dataKey, context.wrapAad(policy));
      return Envelope.assemble(header, wrapNonce, wrapped, bodyNonce, body);
    } finally {
      Arrays.fill(kek, (byte) 0);
    }
  }

  /** The data key, or {@link Reason#INTEGRITY}; wipes {@code gt}. */
  private static byte[] unwrap(byte[] gt, Envelope envelope, SealContext context, String policy) {
    byte[] kek = Aead.keyEncryptionKey(gt, envelope.headerBytes());
    Arrays.fill(gt, (byte) 0);
    try {
      Optional<byte[]> dataKey = Aead.open(kek, envelope.wrapNonce(), envelope.wrappedKey(), context.wrapAad(policy));
      return dataKey.orElseThrow(() -> new EnvelopeOpenException(Reason.INTEGRITY, "the data key's wrap does not"
          + " authenticate: altered header or wrap, another seal context, or key elements that do not belong"
          + " together"));
    } finally {
      Arrays.fill(kek, (byte) 0);
    }
  }

  private static Lsss envelopeMatrix(Envelope envelope, SealContext context) {
    Lsss lsss;
    try {
      lsss = matrix(envelope.policy());
    } catch (InvalidRequestException e) {
      throw new EnvelopeOpenException(Reason.MALFORMED, "the envelope's policy does not parse: " + e.getMessage(), e);
    }
    String expected;
    try {
      expected = matrix(context.policy()).policy().text();
    } catch (InvalidRequestException e) {
      throw new EnvelopeOpenException(Reason.CONTEXT_MISMATCH, "the context's policy does not parse: "
          + e.getMessage(), e);
    }
    if (!expected.equals(lsss.policy().text())) {
      throw new EnvelopeOpenException(Reason.CONTEXT_MISMATCH, "the envelope is sealed under '"
          + lsss.policy().text() + "', the context expects '" + expected + "'");
    }
    if (!lsss.policy().text().equals(envelope.policy())) {
      throw new EnvelopeOpenException(Reason.MALFORMED, "the envelope's policy is not in canonical form");
    }
    return lsss;
  }

  private static Lsss matrix(String policy) {
    requireNonNull(policy, "policy");
    Lsss cached = MATRICES.get(policy);
    if (cached != null) {
      return cached;
    }
    Lsss lsss = Lsss.of(Policy.parse(policy));
    if (MATRICES.size() >= MATRIX_CACHE_SIZE) {
      MATRICES.clear();
    }
    MATRICES.put(policy, lsss);
    return lsss;
  }

  private static byte[] nonce(SecureRandom random) {
    byte[] nonce = new byte[Envelope.NONCE_BYTES];
    random.nextBytes(nonce);
    return nonce;
  }
}
