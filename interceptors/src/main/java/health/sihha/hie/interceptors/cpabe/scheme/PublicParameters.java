package health.sihha.hie.interceptors.cpabe.scheme;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import health.sihha.hie.interceptors.Codes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * The public parameters of one setup, {@code mpk = (g, h, e(g,h)^alpha)}, and the setup id derived from them: the
 * first 16 bytes of SHA-256 over their serialized form. User keys and envelopes carry the setup id, so material from
 * another setup is refused by name rather than by a failed decryption.
 *
 * <p>blst cannot decode a GT element nor raise one to a power, so {@code e(g,h)^alpha} is only published and
 * compared as bytes; encryption pairs {@code g^alpha} from the {@link MasterKey} instead (see {@link Fabeo}).
 */
public final class PublicParameters {

  /** Length of {@link #setupId()}. */
  public static final int SETUP_ID_BYTES = 16;

  private final P1_Affine g;
  private final P2_Affine h;
  private final byte[] eghAlpha;
  private final byte[] encoded;
  private final byte[] setupId;

  PublicParameters(P1_Affine g, P2_Affine h, byte[] eghAlpha) {
    this.g = g;
    this.h = h;
    this.eghAlpha = eghAlpha.clone();
    this.encoded = new Wire.Writer().preamble(Wire.Kind.PUBLIC_PARAMETERS).bytes(g.compress()).bytes(h.compress())
        .bytes(eghAlpha).toByteArray();
    this.setupId = Arrays.copyOf(sha256(encoded), SETUP_ID_BYTES);
  }

  /**
   * Reads public parameters: {@code "SHPP"}, version, scheme, curve, {@code g} (48 bytes), {@code h} (96 bytes),
   * {@code e(g,h)^alpha} (576 bytes). Throws {@link InvalidRequestException} (SIHHA-1420) when malformed.
   */
  public static PublicParameters fromBytes(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    Wire.Reader in = new Wire.Reader(bytes,
        m -> new InvalidRequestException(Codes.of(1420) + "invalid CP-ABE public parameters: " + m));
    in.preamble(Wire.Kind.PUBLIC_PARAMETERS);
    try {
      P1_Affine g = Bls12381.g1InGroup(in.bytes(Bls12381.G1_BYTES, "g"), "g");
      P2_Affine h = Bls12381.g2InGroup(in.bytes(Bls12381.G2_BYTES, "h"), "h");
      byte[] gt = in.bytes(Bls12381.GT_BYTES, "e(g,h)^alpha");
      in.end("public parameters");
      return new PublicParameters(g, h, gt);
    } catch (IllegalArgumentException e) {
      throw in.error(e.getMessage());
    }
  }

  /** The serialized form ({@value Bls12381#G1_BYTES} + {@value Bls12381#G2_BYTES} + 576 + 7 bytes). */
  public byte[] toBytes() {
    return encoded.clone();
  }

  /** The 16-byte id of this setup. */
  public byte[] setupId() {
    return setupId.clone();
  }

  /** {@link #setupId()} in lower-case hex, for logs and error messages. */
  public String setupIdHex() {
    return HexFormat.of().formatHex(setupId);
  }

  /** {@code e(g,h)^alpha} in blst's 576-byte big-endian form. */
  public byte[] eghAlpha() {
    return eghAlpha.clone();
  }

  P1_Affine g() {
    return g;
  }

  P2_Affine h() {
    return h;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PublicParameters p && Arrays.equals(encoded, p.encoded);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(setupId);
  }

  @Override
  public String toString() {
    return "PublicParameters[setup " + setupIdHex() + "]";
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new InternalErrorException(Codes.of(1440) + "SHA-256 is not available", e);
    }
  }
}
