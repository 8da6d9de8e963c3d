package health.sihha.hie.interceptors.cpabe;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.cpabe.envelope.Envelope;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException;
import health.sihha.hie.interceptors.cpabe.envelope.Envelopes;
import health.sihha.hie.interceptors.cpabe.envelope.SealContext;
import health.sihha.hie.interceptors.cpabe.envelope.SharedEncapsulation;
import health.sihha.hie.interceptors.cpabe.policy.Attribute;
import health.sihha.hie.interceptors.cpabe.scheme.Fabeo;
import health.sihha.hie.interceptors.cpabe.scheme.MasterKey;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.List;

/**
 * CP-ABE in one place: FABEO on BLS12-381 for the key, AES-256-GCM for the content. Thread-safe; one instance per
 * application is enough.
 *
 * <pre>{@code
 * CpAbe abe = new CpAbe();
 * MasterKey master = abe.setup();                                    // once; keep master.toBytes() in a key file
 * UserKey key = abe.keyGen(master, "Practitioner/7", List.of("role:nurse", "facility:provider-a"), epoch);
 * SealContext context = new SealContext("Observation", "obs-1", "3", policy);
 * byte[] envelope = abe.seal(master, policy, epoch, plaintext, context);
 * byte[] plaintext = abe.open(key, envelope, context);              // or EnvelopeOpenException (403)
 * byte[] moved = abe.rewrap(master, envelope, context, policy, epoch + 1);   // body bytes unchanged
 * }</pre>
 *
 * <p>Sealing takes the {@link MasterKey}, not the public parameters: the scheme's encryption needs
 * {@code e(g,h)^(alpha s)}, which blst can only compute as the pairing {@code e(g^alpha, h^s)}; it has neither GT
 * exponentiation nor GT decoding, so {@code e(g,h)^alpha} cannot be raised to {@code s}. The ministry, which is the
 * attribute authority, is also the one that seals.
 */
public final class CpAbe {

  private final SecureRandom random;

  /** An instance drawing randomness from a new {@link SecureRandom}. */
  public CpAbe() {
    this(new SecureRandom());
  }

  /** An instance drawing from {@code random}: for known-answer tests, which inject a deterministic generator. */
  CpAbe(SecureRandom random) {
    this.random = requireNonNull(random, "random");
  }

  /** A new setup: its master key, from which {@link MasterKey#publicParameters()} derive. */
  public MasterKey setup() {
    return Fabeo.setup(random);
  }

  /**
   * A key for {@code attributes} ({@code name:value}, see {@link Attribute}) valid in {@code epoch}, issued to
   * {@code subject} (recorded in the key, e.g. a FHIR reference or the token's {@code sub}).
   */
  public UserKey keyGen(MasterKey master, String subject, Collection<String> attributes, long epoch) {
    requireNonNull(attributes, "attributes");
    List<Attribute> parsed = attributes.stream().map(Attribute::parse).distinct().toList();
    if (parsed.isEmpty()) {
      throw new InvalidRequestException(Codes.of(1437) + "a user key needs at least one attribute");
    }
    return Fabeo.keyGen(master, subject, parsed, epoch, random);
  }

  /** {@link #keyGen(MasterKey, String, Collection, long)} with an empty subject. */
  public UserKey keyGen(MasterKey master, Collection<String> attributes, long epoch) {
    return keyGen(master, "", attributes, epoch);
  }

  /**
   * Seals {@code plaintext} under {@code policy} for {@code epoch}; {@code context} is authenticated with it and must
   * name the same policy. Throws {@link InvalidRequestException} for an invalid policy or context.
   */
  public byte[] seal(MasterKey master, String policy, long epoch, byte[] plaintext, SealContext context) {
    return Envelopes.seal(master, policy, epoch, plaintext, context, random);
  }

  /**
   * One encapsulation under {@code policy} for {@code epoch} that many envelopes may share (see
   * {@link SharedEncapsulation}); {@link InvalidRequestException} for an invalid policy.
   */
  public SharedEncapsulation encapsulate(MasterKey master, String policy, long epoch) {
    return Envelopes.encapsulate(master, policy, epoch, random);
  }

  /** Seals {@code plaintext} with {@code encapsulation}, whose policy {@code context} must name. */
  public byte[] seal(SharedEncapsulation encapsulation, byte[] plaintext, SealContext context) {
    return Envelopes.seal(encapsulation, plaintext, context, random);
  }

  /**
   * The plaintext of {@code envelope}, or {@link EnvelopeOpenException} (HTTP 403) with the reason: malformed,
   * another setup or epoch, attributes that do not satisfy the policy, or anything altered, including the context.
   */
  public byte[] open(UserKey key, byte[] envelope, SealContext context) {
    return Envelopes.open(key, envelope, context);
  }

  /**
   * {@code envelope} moved to {@code newPolicy} and {@code newEpoch}, its body untouched; see
   * {@link Envelopes#rewrap}. Open the result with {@code context.withPolicy(newPolicy)}.
   */
  public byte[] rewrap(MasterKey master, byte[] envelope, SealContext context, String newPolicy, long newEpoch) {
    return Envelopes.rewrap(master, envelope, context, newPolicy, newEpoch, random);
  }

  /** {@link #rewrap(MasterKey, byte[], SealContext, String, long)} to a shared encapsulation. */
  public byte[] rewrap(MasterKey master, byte[] envelope, SealContext context, SharedEncapsulation target) {
    return Envelopes.rewrap(master, envelope, context, target, random);
  }

  /** The envelope's public fields (policy, epoch, setup, sizes) without opening it. */
  public static Envelope inspect(byte[] envelope) {
    return Envelope.parse(envelope);
  }
}
