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
import java.util.function.Supplier;

/**
 * Hybrid encryption with FABEO as the KEM: a random 256-bit data key encrypts the content with AES-256-GCM; the data
 * key is wrapped with AES-256-GCM under a key-encryption key derived by HKDF-SHA256 from the FABEO secret and the
 * whole ABE header. One header may be shared by many envelopes ({@link SharedEncapsulation}), each with its own data
 * key and context. {@link #rewrap} replaces the header and the wrap and leaves the body's bytes as they are.
 */
public final class Envelopes {

  /** Policies seen recently and their matrices: envelopes of one server use few distinct policies. */
  private static final int MATRIX_CACHE_SIZE = 1024;

  private static final Map<String, Lsss> MATRICES = new ConcurrentHashMap<>();

  private Envelopes() {}

  /**
   * Seals {@code plaintext} under {@code policy} for {@code epoch}, with an encapsulation of its own. {@code
   * context.policy()} must name the same policy (compared in canonical form), else {@link InvalidRequestException}
   * (SIHHA-1436).
   */
  public static byte[] seal(MasterKey master, String policy, long epoch, byte[] plaintext, SealContext context,
      SecureRandom random) {
    requireNonNull(master, "master");
    requireNonNull(plaintext, "plaintext");
    requireNonNull(context, "context");
    requireContextPolicy(matrix(policy).policy().text(), context);
    return sealBody(plaintext, context, random, () -> encapsulate(master, policy, epoch, random), true);
  }

  /**
   * A fresh encapsulation under {@code policy} for {@code epoch}, for sealing many envelopes with
   * {@link #seal(SharedEncapsulation, byte[], SealContext, SecureRandom)} or moving them with
   * {@link #rewrap(MasterKey, byte[], SealContext, SharedEncapsulation, SecureRandom)}.
   */
  public static SharedEncapsulation encapsulate(MasterKey master, String policy, long epoch, SecureRandom random) {
    requireNonNull(master, "master");
    Lsss lsss = matrix(policy);
    String canonical = lsss.policy().text();
    Encapsulation encapsulation = Fabeo.encapsulate(master, lsss, epoch, random);
    try {
      byte[] header = Envelope.headerBytes(master.publicParameters().setupId(), canonical, epoch,
          encapsulation.header());
      return new SharedEncapsulation(canonical, epoch, header, Aead.keyEncryptionKey(encapsulation.secret(), header));
    } finally {
      encapsulation.destroy();
    }
  }

  /**
   * Seals {@code plaintext} with a fresh data key wrapped under {@code encapsulation}, whose policy
   * {@code context.policy()} must name, else {@link InvalidRequestException} (SIHHA-1436).
   */
  public static byte[] seal(SharedEncapsulation encapsulation, byte[] plaintext, SealContext context,
      SecureRandom random) {
    requireNonNull(encapsulation, "encapsulation");
    requireNonNull(plaintext, "plaintext");
    requireNonNull(context, "context");
    requireContextPolicy(encapsulation.policy(), context);
    return sealBody(plaintext, context, random, () -> encapsulation, false);
  }

  /**
   * A fresh data key and nonce seal the body, then the encapsulation is taken and wraps the key: in this order, so
   * that a generator of fixed seed gives the same envelope as it always has (the known-answer test).
   */
  private static byte[] sealBody(byte[] plaintext, SealContext context, SecureRandom random,
      Supplier<SharedEncapsulation> encapsulation, boolean destroyAfter) {
    byte[] dataKey = new byte[Envelope.DATA_KEY_BYTES];
    random.nextBytes(dataKey);
    try {
      byte[] bodyNonce = nonce(random);
      byte[] body = Aead.seal(dataKey, bodyNonce, plaintext, context.bodyAad());
      SharedEncapsulation wrapping = encapsulation.get();
      try {
        return wrap(wrapping, dataKey, context, bodyNonce, body, random);
      } finally {
        if (destroyAfter) {
          wrapping.destroy();
        }
      }
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  private static void requireContextPolicy(String canonical, SealContext context) {
    if (!canonical.equals(matrix(context.policy()).policy().text())) {
      throw new InvalidRequestException(Codes.of(1436) + "the seal context names policy '" + context.policy()
          + "' but the content is sealed under '" + canonical + "'");
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
   * The data key of {@code envelope}, decapsulated with {@code key} and unwrapped under {@code context}. Throws
   * {@link EnvelopeOpenException} as {@link #open} does.
   */
  public static byte[] openDataKey(UserKey key, Envelope envelope, SealContext context) {
    byte[] kek = openKeyEncryptionKey(key, envelope, context);
    try {
      return openDataKey(kek, envelope, context);
    } finally {
      Arrays.fill(kek, (byte) 0);
    }
  }

  /**
   * The costly part of {@link #open}: the key-encryption key of the envelope's header, decapsulated with {@code
   * key}; the same for every envelope that carries this header (one {@link SharedEncapsulation}), so a caller may
   * keep it per key and {@link #headerDigest} once it has opened a data key with {@link
   * #openDataKey(byte[], Envelope, SealContext)}. A key whose elements do not belong together gives a wrong value
   * here, which no wrap authenticates under. Throws {@link EnvelopeOpenException} as {@link #open} does.
   */
  public static byte[] openKeyEncryptionKey(UserKey key, Envelope envelope, SealContext context) {
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
    try {
      return Aead.keyEncryptionKey(gt, envelope.headerBytes());
    } finally {
      Arrays.fill(gt, (byte) 0);
    }
  }

  /**
   * The data key of {@code envelope} unwrapped with the key-encryption key of its header, authenticated with
   * {@code context}, or {@link EnvelopeOpenException} ({@link Reason#INTEGRITY}, {@link Reason#CONTEXT_MISMATCH}).
   */
  public static byte[] openDataKey(byte[] kek, Envelope envelope, SealContext context) {
    requireNonNull(kek, "kek");
    requireNonNull(context, "context");
    Lsss lsss = envelopeMatrix(envelope, context);
    return unwrap(kek, envelope, context, lsss.policy().text());
  }

  /** The body of {@code envelope} under a data key from {@link #openDataKey}, authenticated with {@code context}. */
  public static byte[] openBody(byte[] dataKey, Envelope envelope, SealContext context) {
    requireNonNull(context, "context");
    return Aead.open(dataKey, envelope.bodyNonce(), envelope.body(), context.bodyAad()).orElseThrow(() ->
        new EnvelopeOpenException(Reason.INTEGRITY, "the body does not authenticate: altered, or sealed for"
            + " another resource type, provider id or version"));
  }

  /** SHA-256 of the envelope's whole header: what its encapsulation, shared or not, is known by. */
  public static byte[] headerDigest(Envelope envelope) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(envelope.headerBytes());
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
    SharedEncapsulation target = encapsulate(master, newPolicy, newEpoch, random);
    try {
      return rewrap(master, envelopeBytes, context, target, random);
    } finally {
      target.destroy();
    }
  }

  /** {@link #rewrap(MasterKey, byte[], SealContext, String, long, SecureRandom)} to a shared encapsulation. */
  public static byte[] rewrap(MasterKey master, byte[] envelopeBytes, SealContext context, SharedEncapsulation target,
      SecureRandom random) {
    requireNonNull(master, "master");
    requireNonNull(context, "context");
    requireNonNull(target, "target");
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
    byte[] kek;
    try {
      kek = Aead.keyEncryptionKey(gt, envelope.headerBytes());
    } finally {
      Arrays.fill(gt, (byte) 0);
    }
    byte[] dataKey;
    try {
      dataKey = unwrap(kek, envelope, context, lsss.policy().text());
    } finally {
      Arrays.fill(kek, (byte) 0);
    }
    try {
      return wrap(target, dataKey, context.withPolicy(target.policy()), envelope.bodyNonce(), envelope.body(),
          random);
    } finally {
      Arrays.fill(dataKey, (byte) 0);
    }
  }

  private static byte[] wrap(SharedEncapsulation encapsulation, byte[] dataKey, SealContext context,
      byte[] bodyNonce, byte[] body, SecureRandom random) {
    byte[] wrapNonce = nonce(random);
    byte[] wrapped = Aead.seal(encapsulation.kek(), wrapNonce, dataKey, context.wrapAad(encapsulation.policy()));
    return Envelope.assemble(encapsulation.headerBytes(), wrapNonce, wrapped, bodyNonce, body);
  }

  /** The data key, or {@link Reason#INTEGRITY}. */
  private static byte[] unwrap(byte[] kek, Envelope envelope, SealContext context, String policy) {
    Optional<byte[]> dataKey = Aead.open(kek, envelope.wrapNonce(), envelope.wrappedKey(), context.wrapAad(policy));
    return dataKey.orElseThrow(() -> new EnvelopeOpenException(Reason.INTEGRITY, "the data key's wrap does not"
        + " authenticate: altered header or wrap, another seal context, or key elements that do not belong"
        + " together"));
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
