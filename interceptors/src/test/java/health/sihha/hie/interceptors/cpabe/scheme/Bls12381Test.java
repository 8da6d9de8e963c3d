package health.sihha.hie.interceptors.cpabe.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.sihha.hie.interceptors.cpabe.TestRandom;
import health.sihha.hie.interceptors.cpabe.policy.Attribute;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.PT;
import supranational.blst.Scalar;

class Bls12381Test {

  private static final SecureRandom RANDOM = TestRandom.seeded("Bls12381Test");

  @Test
  void hashToG1MatchesRfc9380() {
    // RFC 9380 J.9.1, BLS12381G1_XMD:SHA-256_SSWU_RO_, msg = ""
    P1 point = new P1().hash_to(new byte[0], "QUUX-V01-CS02-with-BLS12381G1_XMD:SHA-256_SSWU_RO_");
    assertThat(HexFormat.of().formatHex(point.serialize())).isEqualTo(
        "052926add2207b76ca4fa57a8734416c8dc95e24501772c814278700eed6d1e4e8cf62d9c09db0fac349612b759e79a1"
            + "08ba738453bfed09cb546dbb0783dbb3a5f1f566ed67bb6be0e8c67e2e81a4cc68ee29813bb7994998f3eae0c9c6a265");
  }

  @Test
  void attributeHashesDependOnTheEpochAndDifferFromColumnHashes() {
    Attribute nurse = Attribute.parse("role:nurse");
    assertThat(Bls12381.attributeHash(1, nurse).is_equal(Bls12381.attributeHash(1, nurse))).isTrue();
    assertThat(Bls12381.attributeHash(1, nurse).is_equal(Bls12381.attributeHash(2, nurse))).isFalse();
    assertThat(Bls12381.columnHash(1).is_equal(Bls12381.columnHash(2))).isFalse();
    assertThat(Bls12381.columnHash(1000).in_group()).isTrue();
    assertThatThrownBy(() -> Bls12381.columnHash(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void millerLoopsMultipliedThenFinallyExponentiatedOnceArePairingProducts() {
    Scalar a = Bls12381.randomScalar(RANDOM);
    Scalar b = Bls12381.randomScalar(RANDOM);
    P1_Affine ga = P1.generator().mult(a).to_affine();
    P1_Affine gb = P1.generator().mult(b).to_affine();
    P2 h = P2.generator();
    // e(g^a, h) e(g^b, h) e(-(g^a g^b), h) = 1
    PT loops = new PT(ga, h.to_affine()).mul(new PT(gb, h.to_affine()))
        .mul(new PT(ga.to_jacobian().add(gb).neg().to_affine(), h.to_affine()));
    assertThat(loops.final_exp().is_one()).isTrue();
  }

  @Test
  void pointDecodingRefusesGarbageAndInfinity() {
    byte[] infinity = new byte[48];
    infinity[0] = (byte) 0xc0;
    assertThatThrownBy(() -> Bls12381.g1(infinity, "x")).hasMessage("x is the point at infinity");
    assertThatThrownBy(() -> Bls12381.g1(new byte[48], "x")).hasMessage("x is not a compressed G1 point");
    byte[] notOnCurve = P1.generator().compress();
    for (int last = 0; last < 256 && onCurve(notOnCurve); last++) {
      notOnCurve[47] = (byte) last;
    }
    assertThatThrownBy(() -> Bls12381.g1(notOnCurve, "x")).hasMessageStartingWith("x is not a G1 point");
    assertThatThrownBy(() -> Bls12381.g2InGroup(P1.generator().compress(), "y"))
        .hasMessage("y is not a compressed G2 point");
  }

  private static boolean onCurve(byte[] compressed) {
    try {
      new P1_Affine(compressed);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Test
  void wipedElementsAreZero() {
    P1 point = P1.generator().mult(Bls12381.randomScalar(RANDOM));
    Bls12381.wipe(point);
    assertThat(point.is_inf()).isTrue();
  }
}
