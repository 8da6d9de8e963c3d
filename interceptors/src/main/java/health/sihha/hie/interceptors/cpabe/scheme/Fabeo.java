package health.sihha.hie.interceptors.cpabe.scheme;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.cpabe.policy.Attribute;
import health.sihha.hie.interceptors.cpabe.policy.Lsss;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import supranational.blst.P1;
import supranational.blst.P1_Affine;
import supranational.blst.P2;
import supranational.blst.P2_Affine;
import supranational.blst.PT;
import supranational.blst.Scalar;

/**
 * FABEO CP-ABE (Riepel and Wee, CCS 2022, Figure 1 left) on BLS12-381, as a key-encapsulation mechanism. With
 * {@code H} hashing to G1 ({@code H_e(y)} for attribute {@code y} in epoch {@code e}, {@code H(0||j)} for column
 * {@code j}):
 *
 * <ul>
 *   <li>Setup: {@code alpha}; {@code mpk = (g, h, e(g,h)^alpha)}.
 *   <li>KeyGen(S, e): {@code r}; {@code sk1 = h^r}, {@code sk2_y = H_e(y)^r} for {@code y} in S,
 *       {@code sk3 = g^alpha H(0||1)^r}.
 *   <li>Encaps((M, rho), e): {@code s}, {@code v_2..v_n}, {@code s'_1..s'_T}; {@code ct1 = h^s},
 *       {@code ct2_t = h^(s'_t)}, {@code ct3_i = H_e(rho(i))^(s'_tau(i)) prod_j H(0||j)^(M_ij v_j)} with
 *       {@code v_1 = s} and {@code tau(i)} the occurrence number of row {@code i}'s attribute; the key is
 *       {@code e(g,h)^(alpha s)}.
 *   <li>Decaps: with {@code sum omega_i M_i = (1, 0, ..., 0)},
 *       {@code e(sk3, ct1) prod_t e(prod_{tau(i)=t} sk2_rho(i)^omega_i, ct2_t) / e(prod_i ct3_i^omega_i, sk1)}.
 *       Each factor is a Miller loop; they are multiplied and share one final exponentiation, so a policy without
 *       reused attributes costs 3 Miller loops whatever its size (the division is a negated G1 point, not a GT
 *       inversion).
 * </ul>
 *
 * <p>Reused attributes: the paper's one-use form gives every row the same {@code s'}; two rows with the same attribute
 * would then let anyone divide them and remove {@code H(y)^s'}. As in the paper's multi-use extension, each occurrence
 * number gets its own {@code s'_t}: one G2 element per extra occurrence in the ciphertext and one Miller loop per
 * extra occurrence number a decryption uses.
 *
 * <p>blst has no GT exponentiation and cannot decode GT elements, so {@code e(g,h)^(alpha s)} is computed as
 * {@code e(g^alpha, h^s)}: one pairing plus blst's constant-time G2 scalar multiplication, with {@code g^alpha} from
 * the {@link MasterKey}. Encapsulation is therefore an operation of the master key holder (the ministry), who can also
 * {@link #recover} the key of any header from {@code ct1} alone.
 *
 * <p>Secrets ({@code alpha}, {@code r}, {@code s}, {@code v_j}, {@code s'_t}) only enter blst's constant-time scalar
 * multiplications; this class branches on public data only (matrix entries, coefficients, which attributes a key has)
 * and wipes scalars and intermediate points after use.
 */
public final class Fabeo {

  private static final BigInteger MINUS_ONE = Lsss.MODULUS.subtract(BigInteger.ONE);

  private Fabeo() {}

  /** A new setup. */
  public static MasterKey setup(SecureRandom random) {
    return MasterKey.generate(requireNonNull(random, "random"));
  }

  /** A key for {@code attributes} in {@code epoch}, issued to {@code subject}. */
  public static UserKey keyGen(MasterKey master, String subject, Collection<Attribute> attributes, long epoch,
      SecureRandom random) {
    requireNonNull(master, "master");
    requireNonNull(subject, "subject");
    requireNonNull(attributes, "attributes");
    if (epoch < 0) {
      throw new InvalidRequestException(Codes.of(1437) + "the epoch must not be negative: " + epoch);
    }
    Scalar r = Bls12381.randomScalar(random);
    try {
      P2_Affine sk1 = master.publicParameters().h().to_jacobian().mult(r).to_affine();
      SortedMap<Attribute, P1_Affine> sk2 = new TreeMap<>();
      for (Attribute attribute : attributes) {
        P1 point = Bls12381.attributeHash(epoch, attribute).mult(r);
        sk2.put(attribute, point.to_affine());
        Bls12381.wipe(point);
      }
      P1 sk3 = Bls12381.columnHash(1).to_jacobian().mult(r).add(master.gAlpha());
      P1_Affine sk3Affine = sk3.to_affine();
      Bls12381.wipe(sk3);
      return new UserKey(master.publicParameters().setupId(), subject, epoch, sk1, sk2, sk3Affine);
    } finally {
      Bls12381.wipe(r);
    }
  }

  /** A header for the policy of {@code lsss} in {@code epoch}, and the secret it encapsulates. */
  public static Encapsulation encapsulate(MasterKey master, Lsss lsss, long epoch, SecureRandom random) {
    requireNonNull(master, "master");
    requireNonNull(lsss, "lsss");
    if (epoch < 0) {
      throw new InvalidRequestException(Codes.of(1437) + "the epoch must not be negative: " + epoch);
    }
    P2_Affine h = master.publicParameters().h();
    int columns = lsss.columns();
    Scalar s = Bls12381.randomScalar(random);
    List<Scalar> sPrime = new ArrayList<>();
    P1[] w = new P1[columns];
    P1[] wNegated = new P1[columns];
    List<P1> rowPoints = new ArrayList<>();
    try {
      P2 ct1 = h.to_jacobian().mult(s);
      List<byte[]> ct2 = new ArrayList<>();
      for (int t = 0; t < lsss.maxOccurrence(); t++) {
        Scalar st = Bls12381.randomScalar(random);
        sPrime.add(st);
        ct2.add(h.to_jacobian().mult(st).compress());
      }
      // w_j = H(0||j)^(v_j), v_1 = s: then ct3_i = H(rho(i))^(s'_tau(i)) * prod_j w_j^(M_ij), M_ij public
      w[0] = Bls12381.columnHash(1).to_jacobian().mult(s);
      for (int j = 1; j < columns; j++) {
        Scalar v = Bls12381.randomScalar(random);
        w[j] = Bls12381.columnHash(j + 1).to_jacobian().mult(v);
        Bls12381.wipe(v);
      }
      List<byte[]> rows = new ArrayList<>();
      boolean compressRows = AbeHeader.rowForm(lsss.rows().size()) == AbeHeader.COMPRESSED;
      for (Lsss.Row row : lsss.rows()) {
        P1 point = Bls12381.attributeHash(epoch, row.attribute()).mult(sPrime.get(row.occurrence() - 1));
        rowPoints.add(point);
        for (Lsss.Entry entry : row.entries()) {
          int c = entry.column();
          if (entry.value().equals(BigInteger.ONE)) {
            point.add(w[c]);
          } else if (entry.value().equals(MINUS_ONE)) {
            if (wNegated[c] == null) {
              wNegated[c] = w[c].dup().neg();
            }
            point.add(wNegated[c]);
          } else {
            P1 term = w[c].dup().mult(entry.value());
            point.add(term);
            Bls12381.wipe(term);
          }
        }
        rows.add(compressRows ? point.compress() : point.serialize());
      }
      P2_Affine ct1Affine = ct1.to_affine();
      byte[] secret = Bls12381.gtBytes(new PT(master.gAlpha(), ct1Affine));
      return new Encapsulation(new AbeHeader(ct1Affine.compress(), ct2, rows), secret);
    } finally {
      Bls12381.wipe(s);
      sPrime.forEach(Bls12381::wipe);
      for (int j = 0; j < columns; j++) {
        Bls12381.wipe(w[j]);
        Bls12381.wipe(wNegated[j]);
      }
      rowPoints.forEach(Bls12381::wipe);
    }
  }

  /**
   * The secret of {@code header} for a key whose attributes satisfy {@code lsss} with coefficients {@code omega}
   * (from {@link Lsss#coefficients}). A key of another epoch, or keys combined from several users, give a different
   * value, which the caller's AEAD then rejects. Throws {@link IllegalArgumentException} for headers that do not fit
   * the matrix or hold invalid points.
   */
  public static byte[] decapsulate(UserKey key, Lsss lsss, AbeHeader header, Map<Integer, BigInteger> omega) {
    requireNonNull(key, "key");
    checkShape(lsss, header);
    P1 ctSum = new P1();
    SortedMap<Integer, P1> keySums = new TreeMap<>();
    try {
      for (Map.Entry<Integer, BigInteger> entry : omega.entrySet()) {
        int index = entry.getKey();
        BigInteger coefficient = entry.getValue();
        Lsss.Row row = lsss.rows().get(index);
        byte[] encoded = header.row(index);
        P1_Affine ct3 = encoded.length == Bls12381.G1_BYTES ? Bls12381.g1(encoded, "row " + (index + 1))
            : Bls12381.g1Uncompressed(encoded, "row " + (index + 1));
        P1 keySum = keySums.computeIfAbsent(row.occurrence(), t -> new P1());
        if (coefficient.equals(BigInteger.ONE)) {
          ctSum.add(ct3);
          keySum.add(key.sk2(row.attribute()));
        } else {
          ctSum.add(ct3.to_jacobian().mult(coefficient));
          P1 term = key.sk2(row.attribute()).to_jacobian().mult(coefficient);
          keySum.add(term);
          Bls12381.wipe(term);
        }
      }
      if (ctSum.is_inf()) {
        throw new IllegalArgumentException("the rows combine to the point at infinity");
      }
      P2_Affine ct1 = Bls12381.g2InGroup(header.ct1(), "ct1");
      PT loops = new PT(key.sk3(), ct1);
      for (Map.Entry<Integer, P1> keySum : keySums.entrySet()) {
        P2_Affine ct2 = Bls12381.g2InGroup(header.ct2(keySum.getKey()), "ct2 " + keySum.getKey());
        P1_Affine sum = keySum.getValue().to_affine();
        loops.mul(new PT(sum, ct2));
        Bls12381.wipe(sum);
      }
      loops.mul(new PT(ctSum.neg().to_affine(), key.sk1()));
      return Bls12381.gtBytes(loops);
    } finally {
      keySums.values().forEach(Bls12381::wipe);
    }
  }

  /** The secret of {@code header} for the master key holder: {@code e(g^alpha, ct1)}, any policy. */
  public static byte[] recover(MasterKey master, Lsss lsss, AbeHeader header) {
    requireNonNull(master, "master");
    checkShape(lsss, header);
    P2_Affine ct1 = Bls12381.g2InGroup(header.ct1(), "ct1");
    return Bls12381.gtBytes(new PT(master.gAlpha(), ct1));
  }

  private static void checkShape(Lsss lsss, AbeHeader header) {
    requireNonNull(lsss, "lsss");
    requireNonNull(header, "header");
    if (header.rowCount() != lsss.rows().size() || header.occurrenceCount() != lsss.maxOccurrence()) {
      throw new IllegalArgumentException("the header has " + header.rowCount() + " rows and "
          + header.occurrenceCount() + " ct2 elements; the policy needs " + lsss.rows().size() + " and "
          + lsss.maxOccurrence());
    }
  }
}
