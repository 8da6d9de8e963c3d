package health.sihha.hie.interceptors.cpabe.scheme;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.cpabe.policy.Attribute;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.security.auth.Destroyable;
import supranational.blst.P1_Affine;
import supranational.blst.P2_Affine;

/**
 * A user's decryption key for one epoch: {@code sk1 = h^r} (G2), {@code sk2_y = H_epoch(y)^r} (G1) per attribute
 * {@code y}, {@code sk3 = g^alpha * H(0||1)^r} (G1), with the subject it was issued to. A secret: wipe it with
 * {@link #destroy()} when done.
 *
 * <p>Serialized form: {@code "SHUK"}, version, scheme, curve, setup id (16), epoch (u64), subject (u16 length +
 * UTF-8, at most {@value #MAX_SUBJECT_BYTES} bytes), {@code sk1} (96), {@code sk3} (48), attribute count (u16),
 * then per attribute in sorted order its {@code name:value} (u8 length + ASCII) and {@code sk2} (48).
 */
public final class UserKey implements Destroyable {

  /** Longest subject in UTF-8 bytes. */
  public static final int MAX_SUBJECT_BYTES = 256;
  /** Most attributes in one key. */
  public static final int MAX_ATTRIBUTES = 1024;

  private final byte[] setupId;
  private final String subject;
  private final long epoch;
  private final P2_Affine sk1;
  private final SortedMap<Attribute, P1_Affine> sk2;
  private final P1_Affine sk3;
  private volatile boolean destroyed;

  UserKey(byte[] setupId, String subject, long epoch, P2_Affine sk1, Map<Attribute, P1_Affine> sk2, P1_Affine sk3) {
    this.setupId = setupId.clone();
    this.subject = requireNonNull(subject, "subject");
    this.epoch = epoch;
    this.sk1 = requireNonNull(sk1, "sk1");
    this.sk2 = Collections.unmodifiableSortedMap(new TreeMap<>(sk2));
    this.sk3 = requireNonNull(sk3, "sk3");
    if (subject.getBytes(StandardCharsets.UTF_8).length > MAX_SUBJECT_BYTES || sk2.size() > MAX_ATTRIBUTES
        || epoch < 0) {
      throw new InvalidRequestException(Codes.of(1437) + "a user key has a subject of at most " + MAX_SUBJECT_BYTES
          + " bytes, at most " + MAX_ATTRIBUTES + " attributes and a non-negative epoch");
    }
  }

  /** Reads a key written by {@link #toBytes()}; throws {@link InvalidRequestException} (SIHHA-1422) if malformed. */
  public static UserKey fromBytes(byte[] bytes) {
    requireNonNull(bytes, "bytes");
    Wire.Reader in = new Wire.Reader(bytes,
        m -> new InvalidRequestException(Codes.of(1422) + "invalid CP-ABE user key: " + m));
    in.preamble(Wire.Kind.USER_KEY);
    byte[] setupId = in.bytes(PublicParameters.SETUP_ID_BYTES, "setup id");
    long epoch = in.u64("epoch");
    if (epoch < 0) {
      throw in.error("epoch " + Long.toUnsignedString(epoch) + " is out of range");
    }
    String subject = in.utf8(MAX_SUBJECT_BYTES, "subject");
    try {
      P2_Affine sk1 = Bls12381.g2InGroup(in.bytes(Bls12381.G2_BYTES, "sk1"), "sk1");
      P1_Affine sk3 = Bls12381.g1InGroup(in.bytes(Bls12381.G1_BYTES, "sk3"), "sk3");
      int count = in.u16("attribute count");
      if (count > MAX_ATTRIBUTES) {
        throw in.error(count + " attributes, at most " + MAX_ATTRIBUTES);
      }
      SortedMap<Attribute, P1_Affine> sk2 = new TreeMap<>();
      Attribute previous = null;
      for (int i = 0; i < count; i++) {
        int length = in.u8("attribute length");
        String text = new String(in.bytes(length, "attribute"), StandardCharsets.US_ASCII);
        Attribute attribute;
        try {
          attribute = Attribute.parse(text);
        } catch (InvalidRequestException e) {
          throw in.error("attribute " + (i + 1) + ": " + e.getMessage());
        }
        if (previous != null && previous.compareTo(attribute) >= 0) {
          throw in.error("attributes are not sorted and unique at " + attribute);
        }
        previous = attribute;
        sk2.put(attribute, Bls12381.g1InGroup(in.bytes(Bls12381.G1_BYTES, "sk2 of " + attribute), "sk2"));
      }
      in.end("user key");
      return new UserKey(setupId, subject, epoch, sk1, sk2, sk3);
    } catch (IllegalArgumentException e) {
      throw in.error(e.getMessage());
    }
  }

  /** The serialized key: a secret; wipe the array once written. */
  public byte[] toBytes() {
    checkAlive();
    Wire.Writer out = new Wire.Writer().preamble(Wire.Kind.USER_KEY).bytes(setupId).u64(epoch).utf8(subject)
        .bytes(sk1.compress()).bytes(sk3.compress()).u16(sk2.size());
    sk2.forEach((attribute, point) -> {
      byte[] text = attribute.toString().getBytes(StandardCharsets.US_ASCII);
      out.u8(text.length).bytes(text).bytes(point.compress());
    });
    return out.toByteArray();
  }

  public String subject() {
    return subject;
  }

  public long epoch() {
    return epoch;
  }

  public Set<Attribute> attributes() {
    return sk2.keySet();
  }

  public byte[] setupId() {
    return setupId.clone();
  }

  /** Zeroes every key element; the key cannot be used afterwards. */
  @Override
  public void destroy() {
    destroyed = true;
    sk2.values().forEach(Bls12381::wipe);
    Bls12381.wipe(sk3);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed;
  }

  @Override
  public String toString() {
    return "UserKey[subject " + subject + ", epoch " + epoch + ", " + sk2.size() + " attributes, setup "
        + HexFormat.of().formatHex(setupId) + (destroyed ? ", destroyed]" : "]");
  }

  P2_Affine sk1() {
    checkAlive();
    return sk1;
  }

  P1_Affine sk2(Attribute attribute) {
    checkAlive();
    P1_Affine point = sk2.get(attribute);
    if (point == null) {
      throw new IllegalArgumentException("the key has no attribute " + attribute);
    }
    return point;
  }

  P1_Affine sk3() {
    checkAlive();
    return sk3;
  }

  private void checkAlive() {
    if (destroyed) {
      throw new IllegalStateException("the user key has been destroyed");
    }
  }
}
