package health.sihha.hie.interceptors.cpabe.envelope;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException.Reason;
import health.sihha.hie.interceptors.cpabe.policy.PolicyParser;
import health.sihha.hie.interceptors.cpabe.scheme.AbeHeader;
import health.sihha.hie.interceptors.cpabe.scheme.PublicParameters;
import health.sihha.hie.interceptors.cpabe.scheme.Wire;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A sealed envelope, read but not opened. Layout (integers big-endian; see {@code interceptors/CPABE.md}):
 *
 * <pre>
 * "SHCT" | version 1 | scheme 1 (FABEO) | curve 1 (BLS12-381) | setup id (16)
 * | policy (u16 length + canonical text) | epoch (u64)
 * | ct1 (96) | T (u8) | ct2 (96 each) | row form (u8) | R (u16) | ct3 (48 or 96 each)   &lt;- end of ABE header
 * | wrap nonce (12) | wrapped data key (32 + 16 tag)
 * | body nonce (12) | body (AES-256-GCM ciphertext + 16 tag)
 * </pre>
 *
 * <p>The ABE header (everything up to the rows, preamble included) is the HKDF info of the key-encryption key, so
 * changing any byte of it changes the key and the wrap no longer authenticates. The body depends on the data key
 * only, which is what lets {@link Envelopes#rewrap} replace everything before it.
 */
public final class Envelope {

  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  static final int DATA_KEY_BYTES = 32;

  private final byte[] setupId;
  private final String policy;
  private final long epoch;
  private final AbeHeader header;
  private final byte[] headerBytes;
  private final byte[] wrapNonce;
  private final byte[] wrappedKey;
  private final byte[] bodyNonce;
  private final byte[] body;

  private Envelope(byte[] setupId, String policy, long epoch, AbeHeader header, byte[] headerBytes, byte[] wrapNonce,
      byte[] wrappedKey, byte[] bodyNonce, byte[] body) {
    this.setupId = setupId;
    this.policy = policy;
    this.epoch = epoch;
    this.header = header;
    this.headerBytes = headerBytes;
    this.wrapNonce = wrapNonce;
    this.wrappedKey = wrappedKey;
    this.bodyNonce = bodyNonce;
    this.body = body;
  }

  /** Reads an envelope; throws {@link EnvelopeOpenException} ({@link Reason#MALFORMED}) with the reason. */
  public static Envelope parse(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    Wire.Reader in = new Wire.Reader(bytes, m -> new EnvelopeOpenException(Reason.MALFORMED, m));
    in.preamble(Wire.Kind.ENVELOPE);
    byte[] setupId = in.bytes(PublicParameters.SETUP_ID_BYTES, "setup id");
    String policy = in.utf8(PolicyParser.MAX_LENGTH, "policy");
    long epoch = in.u64("epoch");
    if (epoch < 0) {
      throw in.error("epoch " + Long.toUnsignedString(epoch) + " is out of range");
    }
    AbeHeader header = AbeHeader.read(in, PolicyParser.MAX_LEAVES);
    byte[] headerBytes = Arrays.copyOf(bytes, in.position());
    byte[] wrapNonce = in.bytes(NONCE_BYTES, "wrap nonce");
    byte[] wrappedKey = in.bytes(DATA_KEY_BYTES + TAG_BYTES, "wrapped data key");
    byte[] bodyNonce = in.bytes(NONCE_BYTES, "body nonce");
    byte[] body = in.bytes(Math.max(TAG_BYTES, in.remaining()), "body");
    return new Envelope(setupId, policy, epoch, header, headerBytes, wrapNonce, wrappedKey, bodyNonce, body);
  }

  /** The ABE header's bytes for these fields: what the key-encryption key is bound to. */
  static byte[] headerBytes(byte[] setupId, String policy, long epoch, AbeHeader header) {
    Wire.Writer out = new Wire.Writer().preamble(Wire.Kind.ENVELOPE).bytes(setupId).utf8(policy).u64(epoch);
    header.write(out);
    return out.toByteArray();
  }

  /** The whole envelope from its header bytes and the two AES-GCM parts. */
  static byte[] assemble(byte[] headerBytes, byte[] wrapNonce, byte[] wrappedKey, byte[] bodyNonce, byte[] body) {
    return new Wire.Writer().bytes(headerBytes).bytes(wrapNonce).bytes(wrappedKey).bytes(bodyNonce).bytes(body)
        .toByteArray();
  }

  /** The canonical policy text the envelope is sealed under. */
  public String policy() {
    return policy;
  }

  public long epoch() {
    return epoch;
  }

  public byte[] setupId() {
    return setupId.clone();
  }

  public String setupIdHex() {
    return HexFormat.of().formatHex(setupId);
  }

  public AbeHeader header() {
    return header;
  }

  /** Bytes that are not the AES-GCM body ciphertext: preamble, policy, ABE header, wrap, nonces and the body's tag. */
  public int overhead() {
    return headerBytes.length + NONCE_BYTES + wrappedKey.length + NONCE_BYTES + TAG_BYTES;
  }

  byte[] headerBytes() {
    return headerBytes;
  }

  byte[] wrapNonce() {
    return wrapNonce;
  }

  byte[] wrappedKey() {
    return wrappedKey;
  }

  byte[] bodyNonce() {
    return bodyNonce;
  }

  byte[] body() {
    return body;
  }
}
