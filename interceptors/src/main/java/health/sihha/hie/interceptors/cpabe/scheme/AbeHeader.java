package health.sihha.hie.interceptors.cpabe.scheme;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * The group elements of a FABEO ciphertext, kept in compressed form: {@code ct1 = h^s} (G2), one
 * {@code ct2_t = h^(s'_t)} (G2) per occurrence number {@code t = 1..T} ({@code T} = most uses of one attribute in the
 * policy, 1 when none is reused) and one {@code ct3_i} (G1) per matrix row. Points are decompressed only when used,
 * and only the rows a decryption needs.
 *
 * <p>Wire form: {@code ct1} (96 bytes), {@code T} (u8), {@code T} times 96 bytes, row count (u16), 48 bytes per row.
 */
public final class AbeHeader {

  private final byte[] ct1;
  private final List<byte[]> ct2;
  private final List<byte[]> rows;

  AbeHeader(byte[] ct1, List<byte[]> ct2, List<byte[]> rows) {
    this.ct1 = ct1.clone();
    this.ct2 = ct2.stream().map(byte[]::clone).toList();
    this.rows = rows.stream().map(byte[]::clone).toList();
  }

  /**
   * Reads a header from {@code in}. Sizes are checked here, points when used; {@code maxRows} bounds the row count.
   */
  public static AbeHeader read(Wire.Reader in, int maxRows) {
    requireNonNull(in, "in");
    byte[] ct1 = in.bytes(Bls12381.G2_BYTES, "ct1");
    int occurrences = in.u8("occurrence count");
    if (occurrences < 1) {
      throw in.error("no ct2 element");
    }
    List<byte[]> ct2 = new ArrayList<>();
    for (int t = 0; t < occurrences; t++) {
      ct2.add(in.bytes(Bls12381.G2_BYTES, "ct2 " + (t + 1)));
    }
    int count = in.u16("row count");
    if (count < 1 || count > maxRows) {
      throw in.error(count + " rows, expected 1 to " + maxRows);
    }
    List<byte[]> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(in.bytes(Bls12381.G1_BYTES, "row " + (i + 1)));
    }
    return new AbeHeader(ct1, ct2, rows);
  }

  /** Appends the wire form to {@code out}. */
  public void write(Wire.Writer out) {
    out.bytes(ct1).u8(ct2.size());
    ct2.forEach(out::bytes);
    out.u16(rows.size());
    rows.forEach(out::bytes);
  }

  /** Size of the wire form: {@code 96 + 1 + 96 T + 2 + 48 rows}. */
  public int size() {
    return Bls12381.G2_BYTES * (1 + ct2.size()) + 3 + Bls12381.G1_BYTES * rows.size();
  }

  public int rowCount() {
    return rows.size();
  }

  public int occurrenceCount() {
    return ct2.size();
  }

  byte[] ct1() {
    return ct1;
  }

  byte[] ct2(int occurrence) {
    return ct2.get(occurrence - 1);
  }

  byte[] row(int index) {
    return rows.get(index);
  }
}
