package health.sihha.hie.interceptors.cpabe.scheme;

import health.sihha.hie.interceptors.cpabe.policy.Attribute;
import health.sihha.hie.interceptors.cpabe.policy.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.PT;
import supranational.blst.Scalar;

/**
 * BLS12-381 through blst: element sizes, random scalars, point encodings, the two hashes to G1 and the wiping of
 * secrets. blst's scalar multiplication of a 255-bit {@link Scalar} is constant-time (GLV, no secret-indexed table),
 * and blst objects keep their value in a Java {@code long[]}, which {@link #wipe} zeroes.
 */
final class Bls12381 {

  static final int G1_BYTES = 48;
  static final int G2_BYTES = 96;
  static final int GT_BYTES = 576;
  static final int SCALAR_BYTES = 32;

  /** Hash of attributes, {@code H(y)}: RFC 9380 hash_to_curve with an application tag in front of the suite id. */
  static final String ATTRIBUTE_DST = "SIHHA-CPABE-V01-FABEO-ATTRIBUTE_BLS12381G1_XMD:SHA-256_SSWU_RO_";
  /** Hash of matrix columns, the paper's {@code H(0||j)}, domain-separated from attributes by its own tag. */
  static final String COLUMN_DST = "SIHHA-CPABE-V01-FABEO-COLUMN_BLS12381G1_XMD:SHA-256_SSWU_RO_";

  private static final AtomicReferenceArray<P1_Affine> COLUMNS =
      new AtomicReferenceArray<>(PolicyParser.MAX_LEAVES + 1);

  private Bls12381() {}

  /** A uniform scalar mod r: 64 random bytes reduced by blst (bias below 2^-256); the bytes are wiped. */
  static Scalar randomScalar(SecureRandom random) {
    byte[] bytes = new byte[64];
    random.nextBytes(bytes);
    try {
      return new Scalar().from_bendian(bytes);
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** {@code H(y)} for epoch {@code epoch}: hash to G1 of the epoch (8 bytes, big-endian) then {@code name:value}. */
  static P1 attributeHash(long epoch, Attribute attribute) {
    byte[] text = attribute.toString().getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[8 + text.length];
    for (int i = 0; i < 8; i++) {
      message[i] = (byte) (epoch >>> (56 - 8 * i));
    }
    System.arraycopy(text, 0, message, 8, text.length);
    return new P1().hash_to(message, ATTRIBUTE_DST);
  }

  /** {@code H(0||j)} for column {@code j} (1-based: {@code H(0||1)} is the secret's column), cached. */
  static P1_Affine columnHash(int j) {
    if (j < 1) {
      throw new IllegalArgumentException("columns are numbered from 1");
    }
    P1_Affine cached = j < COLUMNS.length() ? COLUMNS.get(j) : null;
    if (cached != null) {
      return cached;
    }
    byte[] message = {(byte) (j >>> 24), (byte) (j >>> 16), (byte) (j >>> 8), (byte) j};
    P1_Affine hash = new P1().hash_to(message, COLUMN_DST).to_affine();
    if (j < COLUMNS.length()) {
      COLUMNS.compareAndSet(j, null, hash);
    }
    return hash;
  }

  /** A G1 point from its 48-byte compressed form; on the curve (blst checks), not infinity. */
  static P1_Affine g1(byte[] compressed, String what) {
    if (compressed.length != G1_BYTES || (compressed[0] & 0x80) == 0) {
      throw new IllegalArgumentException(what + " is not a compressed G1 point");
    }
    return decode(compressed, what);
  }

  /** A G1 point from its 96-byte uncompressed form; on the curve (blst checks), not infinity. */
  static P1_Affine g1Uncompressed(byte[] uncompressed, String what) {
    if (uncompressed.length != 2 * G1_BYTES || (uncompressed[0] & 0x80) != 0) {
      throw new IllegalArgumentException(what + " is not an uncompressed G1 point");
    }
    return decode(uncompressed, what);
  }

  private static P1_Affine decode(byte[] encoded, String what) {
    P1_Affine point;
    try {
      point = new P1_Affine(encoded);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(what + " is not a G1 point (" + e.getMessage() + ")", e);
    }
    if (point.is_inf()) {
      throw new IllegalArgumentException(what + " is the point at infinity");
    }
    return point;
  }

  /** As {@link #g1}, and in the prime-order subgroup: for keys and parameters, loaded once. */
  static P1_Affine g1InGroup(byte[] compressed, String what) {
    P1_Affine point = g1(compressed, what);
    if (!point.in_group()) {
      throw new IllegalArgumentException(what + " is not in G1");
    }
    return point;
  }

  /** A G2 point from its 96-byte compressed form, in the prime-order subgroup, not infinity. */
  static P2_Affine g2InGroup(byte[] compressed, String what) {
    if (compressed.length != G2_BYTES || (compressed[0] & 0x80) == 0) {
      throw new IllegalArgumentException(what + " is not a compressed G2 point");
    }
    P2_Affine point;
    try {
      point = new P2_Affine(compressed);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(what + " is not a G2 point (" + e.getMessage() + ")", e);
    }
    if (point.is_inf() || !point.in_group()) {
      throw new IllegalArgumentException(what + " is not in G2 or is the point at infinity");
    }
    return point;
  }

  /** The 576 bytes of a GT element: one final exponentiation of {@code millerLoops}, then blst's big-endian form. */
  static byte[] gtBytes(PT millerLoops) {
    PT value = millerLoops.final_exp();
    try {
      return value.to_bendian();
    } finally {
      wipe(value);
    }
  }

  static void wipe(Scalar scalar) {
    if (scalar != null) {
      ScalarWiper.wipe(scalar);
    }
  }

  static void wipe(P1 point) {
    if (point != null) {
      P1Wiper.wipe(point);
    }
  }

  static void wipe(P1_Affine point) {
    if (point != null) {
      P1AffineWiper.wipe(point);
    }
  }

  static void wipe(P2 point) {
    if (point != null) {
      P2Wiper.wipe(point);
    }
  }

  static void wipe(PT value) {
    if (value != null) {
      PtWiper.wipe(value);
    }
  }

  // blst exposes an object's storage only to subclasses (protected static getCPtr): these exist to zero it.

  private static final class ScalarWiper extends Scalar {
    static void wipe(Scalar scalar) {
      Arrays.fill(getCPtr(scalar), 0L);
    }
  }

  private static final class P1Wiper extends P1 {
    static void wipe(P1 point) {
      Arrays.fill(getCPtr(point), 0L);
    }
  }

  private static final class P1AffineWiper extends P1_Affine {
    static void wipe(P1_Affine point) {
      Arrays.fill(getCPtr(point), 0L);
    }
  }

  private static final class P2Wiper extends P2 {
    static void wipe(P2 point) {
      Arrays.fill(getCPtr(point), 0L);
    }
  }

  private static final class PtWiper extends PT {
    private PtWiper() {
      super(new long[0]);
    }

    static void wipe(PT value) {
      Arrays.fill(getCPtr(value), 0L);
    }
  }
}
