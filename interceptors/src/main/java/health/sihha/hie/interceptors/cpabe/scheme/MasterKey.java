package health.sihha.hie.interceptors.cpabe.scheme;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.security.auth.Destroyable;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.PT;
import supranational.blst.Scalar;

/**
 * The master secret {@code alpha} of one setup with what is derived from it at load: {@code g^alpha} and the
 * {@link PublicParameters} (which need the pairing {@code e(g^alpha, h)}, computed here once). Whoever holds this key
 * can issue user keys for any attributes, seal envelopes and open every envelope of the setup; keep it outside the
 * database, as ARCHITECTURE.md says.
 *
 * <p>Serialized form (199 bytes): {@code "SHMK"}, version, scheme, curve, setup id (16 bytes), {@code g} (48),
 * {@code h} (96), {@code alpha} (32, big-endian). Loading recomputes the setup id from {@code alpha}, so a corrupted
 * or mismatched key file is refused instead of producing keys nobody can use.
 */
public final class MasterKey implements Destroyable {

  private final Scalar alpha;
  private final P1_Affine gAlpha;
  private final PublicParameters publicParameters;
  private volatile boolean destroyed;

  private MasterKey(Scalar alpha, P1_Affine g, P2_Affine h) {
    this.alpha = alpha;
    P1 gAlphaJacobian = g.to_jacobian().mult(alpha);
    this.gAlpha = gAlphaJacobian.to_affine();
    Bls12381.wipe(gAlphaJacobian);
    byte[] egh = Bls12381.gtBytes(new PT(gAlpha, h));
    this.publicParameters = new PublicParameters(g, h, egh);
  }

  /** A new setup: random {@code alpha} and random generators {@code g} of G1 and {@code h} of G2. */
  static MasterKey generate(SecureRandom random) {
    Scalar gExponent = Bls12381.randomScalar(random);
    Scalar hExponent = Bls12381.randomScalar(random);
    P1 g = P1.generator().mult(gExponent);
    P2 h = P2.generator().mult(hExponent);
    Bls12381.wipe(gExponent);
    Bls12381.wipe(hExponent);
    return new MasterKey(Bls12381.randomScalar(random), g.to_affine(), h.to_affine());
  }

  /**
   * Reads a master key written by {@link #toBytes()}. Throws {@link InvalidRequestException} (SIHHA-1421) when the
   * bytes are malformed or {@code alpha} does not match the stored setup id. The caller should wipe {@code bytes}.
   */
  public static MasterKey fromBytes(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    Wire.Reader in = new Wire.Reader(bytes,
        m -> new InvalidRequestException(Codes.of(1421) + "invalid CP-ABE master key: " + m));
    in.preamble(Wire.Kind.MASTER_KEY);
    byte[] setupId = in.bytes(PublicParameters.SETUP_ID_BYTES, "setup id");
    P1_Affine g;
    P2_Affine h;
    try {
      g = Bls12381.g1InGroup(in.bytes(Bls12381.G1_BYTES, "g"), "g");
      h = Bls12381.g2InGroup(in.bytes(Bls12381.G2_BYTES, "h"), "h");
    } catch (IllegalArgumentException e) {
      throw in.error(e.getMessage());
    }
    byte[] alphaBytes = in.bytes(Bls12381.SCALAR_BYTES, "alpha");
    in.end("master key");
    Scalar alpha = new Scalar().from_bendian(alphaBytes);
    Arrays.fill(alphaBytes, (byte) 0);
    MasterKey key = new MasterKey(alpha, g, h);
    if (!MessageDigest.isEqual(setupId, key.publicParameters.setupId())) {
      key.destroy();
      throw in.error("alpha does not belong to setup " + HexFormat.of().formatHex(setupId)
          + " (corrupted or mismatched key file)");
    }
    return key;
  }

  /** The serialized master key: a secret; wipe the array once written. */
  public byte[] toBytes() {
    checkAlive();
    byte[] alphaBytes = alpha.to_bendian();
    try {
      return new Wire.Writer().preamble(Wire.Kind.MASTER_KEY).bytes(publicParameters.setupId())
          .bytes(publicParameters.g().compress()).bytes(publicParameters.h().compress()).bytes(alphaBytes)
          .toByteArray();
    } finally {
      Arrays.fill(alphaBytes, (byte) 0);
    }
  }

  public PublicParameters publicParameters() {
    return publicParameters;
  }

  /** Zeroes {@code alpha} and {@code g^alpha}; the key cannot be used afterwards. */
  @Override
  public void destroy() {
    destroyed = true;
    Bls12381.wipe(alpha);
    Bls12381.wipe(gAlpha);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "MasterKey[setup " + publicParameters.setupIdHex() + (destroyed ? ", destroyed]" : "]");
  }

  P1_Affine gAlpha() {
    checkAlive();
    return gAlpha;
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("the master key has been destroyed");
    }
  }
}
