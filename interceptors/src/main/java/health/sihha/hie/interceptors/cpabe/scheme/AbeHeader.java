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
 * <p>Wire form: {@code ct1} (96 bytes), {@code T} (u8), {@code T} times 96 bytes, row form (u8: 1 = compressed, 48
 * bytes per row; 2 = uncompressed, 96 bytes per row), row count (u16), the rows.
 *
 * <p>Row form: decompressing a G1 point takes a square root, about 15 microseconds, once for every row a decryption
 * uses; reading an uncompressed point is an on-curve check, under 1 microsecond. Headers of up to
 * {@value #MAX_COMPRESSED_ROWS} rows are compressed (policies are mostly that small, and the extra time is at most
 * 0.25 ms); larger ones are not, which keeps decryption flat in policy size for 48 more bytes per row.
 */
public final class AbeHeader {

  /** Most rows written in compressed form. */
  public static final int MAX_COMPRESSED_ROWS = 16;

  static final int COMPRESSED = 1;
  static final int UNCOMPRESSED = 2;

  private final byte[] ct1;
  private final List<byte[]> ct2;
  private final List<byte[]> rows;

  /** Takes the arrays as they are: every caller passes fresh ones. */
  AbeHeader(byte[] ct1, List<byte[]> ct2, List<byte[]> rows) {
    this.ct1 = ct1;
    this.ct2 = List.copyOf(ct2);
    this.rows = List.copyOf(rows);
  }

  /** The row form for a header of {@code rowCount} rows. */
  static int rowForm(int rowCount) {
    return rowCount <= MAX_COMPRESSED_ROWS ? COMPRESSED : UNCOMPRESSED;
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
    int form = in.u8("row form");
    int count = in.u16("row count");
    if (count < 1 || count > maxRows) {
      throw in.error(count + " rows, expected 1 to " + maxRows);
    }
    if (form != rowForm(count)) {
      throw in.error("row form " + form + " for " + count + " rows; expected " + rowForm(count));
    }
    int rowBytes = form == COMPRESSED ? Bls12381.G1_BYTES : 2 * Bls12381.G1_BYTES;
    List<byte[]> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(in.bytes(rowBytes, "rows"));
    }
    return new AbeHeader(ct1, ct2, rows);
  }

  /** Appends the wire form to {@code out}. */
  public void write(Wire.Writer out) {
    out.bytes(ct1).u8(ct2.size());
    ct2.forEach(out::bytes);
    out.u8(rowForm(rows.size())).u16(rows.size());
    rows.forEach(out::bytes);
  }

  /** Size of the wire form: {@code 96 + 1 + 96 T + 1 + 2 + (48 or 96) rows}. */
  public int size() {
    return Bls12381.G2_BYTES * (1 + ct2.size()) + 4 + rows.stream().mapToInt(r -> r.length).sum();
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
