package health.sihha.hie.interceptors.cpabe.scheme;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The identifiers and byte-level helpers every CP-ABE format shares: a 4-byte magic, format version 1, scheme id and
 * curve id, then big-endian integers and length-prefixed UTF-8 strings. The formats themselves are specified in
 * {@code interceptors/CPABE.md}.
 */
public final class Wire {

  /** The only format version so far; every object starts magic, version, scheme, curve. */
  public static final int FORMAT_VERSION = 1;
  /** Scheme id of FABEO CP-ABE (Riepel and Wee, CCS 2022). */
  public static final int SCHEME_FABEO = 1;
  /** Scheme id kept for FAME CP-ABE (Agrawal and Chase, CCS 2017); not implemented. */
  public static final int SCHEME_FAME = 2;
  /** Curve id of BLS12-381. */
  public static final int CURVE_BLS12_381 = 1;

  /** The kinds of serialized objects, each with its magic. */
  public enum Kind {
    PUBLIC_PARAMETERS("SHPP", "CP-ABE public parameters"),
    MASTER_KEY("SHMK", "a CP-ABE master key"),
    USER_KEY("SHUK", "a CP-ABE user key"),
    ENVELOPE("SHCT", "a CP-ABE envelope");

    private final byte[] magic;
    private final String description;

    Kind(String magic, String description) {
      this.magic = magic.getBytes(StandardCharsets.US_ASCII);
      this.description = description;
    }

    /** The 4 ASCII bytes every object of this kind starts with. */
    public byte[] magic() {
      return magic.clone();
    }
  }

  private Wire() {}

  /** Appends fields to a growing byte array. */
  public static final class Writer {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    /** Magic, format version, scheme id and curve id. */
    public Writer preamble(Kind kind) {
      return bytes(kind.magic).u8(FORMAT_VERSION).u8(SCHEME_FABEO).u8(CURVE_BLS12_381);
    }

    public Writer u8(int value) {
      out.write(value);
      return this;
    }

    public Writer u16(int value) {
      out.write(value >>> 8);
      out.write(value);
      return this;
    }

    public Writer u64(long value) {
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (value >>> shift));
      }
      return this;
    }

    public Writer bytes(byte[] value) {
      out.write(value, 0, value.length);
      return this;
    }

    /** A UTF-8 string after its length in bytes as u16. */
    public Writer utf8(String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      return u16(utf8.length).bytes(utf8);
    }

    public int size() {
      return out.size();
    }

    public byte[] toByteArray() {
      return out.toByteArray();
    }
  }

  /** Reads fields in order; any shortfall or bad value becomes the exception {@code error} makes from a message. */
  public static final class Reader {

    private final byte[] data;
    private final Function<String, RuntimeException> error;
    private int position;

    public Reader(byte[] data, Function<String, RuntimeException> error) {
      this.data = data;
      this.error = error;
    }

    /** Checks magic, format version, scheme id and curve id. */
    public Reader preamble(Kind kind) {
      byte[] magic = bytes(4, "magic");
      if (!Arrays.equals(magic, kind.magic)) {
        throw error.apply("not " + kind.description + " (magic '"
            + new String(magic, StandardCharsets.ISO_8859_1).replaceAll("\\P{Print}", "?") + "')");
      }
      int version = u8("format version");
      if (version != FORMAT_VERSION) {
        throw error.apply("format version " + version + " is not supported (this library reads " + FORMAT_VERSION
            + ")");
      }
      int scheme = u8("scheme id");
      if (scheme != SCHEME_FABEO) {
        throw error.apply("scheme id " + scheme + " is not supported (this library implements FABEO, id "
            + SCHEME_FABEO + ")");
      }
      int curve = u8("curve id");
      if (curve != CURVE_BLS12_381) {
        throw error.apply("curve id " + curve + " is not supported (BLS12-381 is id " + CURVE_BLS12_381 + ")");
      }
      return this;
    }

    public int u8(String what) {
      need(1, what);
      return data[position++] & 0xff;
    }

    public int u16(String what) {
      need(2, what);
      int value = (data[position] & 0xff) << 8 | data[position + 1] & 0xff;
      position += 2;
      return value;
    }

    public long u64(String what) {
      need(8, what);
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = value << 8 | data[position++] & 0xff;
      }
      return value;
    }

    public byte[] bytes(int length, String what) {
      need(length, what);
      byte[] value = Arrays.copyOfRange(data, position, position + length);
      position += length;
      return value;
    }

    /** A UTF-8 string after its u16 length, at most {@code maxBytes} long. */
    public String utf8(int maxBytes, String what) {
      int length = u16(what + " length");
      if (length > maxBytes) {
        throw error.apply(what + " is " + length + " bytes, at most " + maxBytes);
      }
      return new String(bytes(length, what), StandardCharsets.UTF_8);
    }

    public int position() {
      return position;
    }

    public int remaining() {
      return data.length - position;
    }

    /** Fails unless every byte has been read. */
    public void end(String what) {
      if (position != data.length) {
        throw error.apply((data.length - position) + " unexpected bytes after the " + what);
      }
    }

    /** An error in the reader's terms, for checks the caller makes on values read. */
    public RuntimeException error(String message) {
      return error.apply(message);
    }

    private void need(int length, String what) {
      if (length < 0 || data.length - position < length) {
        throw error.apply("truncated: " + what + " needs " + length + " bytes at offset " + position + ", "
            + Math.max(0, data.length - position) + " left");
      }
    }
  }
}
