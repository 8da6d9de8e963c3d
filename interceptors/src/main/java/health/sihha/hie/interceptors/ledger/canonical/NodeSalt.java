package health.sihha.hie.interceptors.ledger.canonical;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A ledger node's secret salt, at least 32 bytes: prepended to every canonical form before hashing, so that a hash on
 * the ledger cannot be matched against hashes of guessed records. It is kept off the ledger, with the node's keys;
 * an auditor is given it to check one resource.
 *
 * @param bytes the salt
 */
public record NodeSalt(byte[] bytes) {

  /** The shortest salt accepted, in bytes. */
  public static final int MIN_LENGTH = 32;

  public NodeSalt {
    requireNonNull(bytes);
    if (bytes.length < MIN_LENGTH) {
      throw new InvalidRequestException(
          Codes.of(1455) + "a ledger salt has at least " + MIN_LENGTH + " bytes, not " + bytes.length);
    }
    bytes = bytes.clone();
  }

  /** A fresh random 32-byte salt. */
  public static NodeSalt generate() {
    byte[] bytes = new byte[MIN_LENGTH];
    new SecureRandom().nextBytes(bytes);
    return new NodeSalt(bytes);
  }

  /** The salt of its standard base64 form. */
  public static NodeSalt fromBase64(String base64) {
    try {
      return new NodeSalt(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(Codes.of(1455) + "the ledger salt is not base64", e);
    }
  }

  /** The salt in standard base64, to keep in a secret store. */
  public String toBase64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** A copy of the salt. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Feeds the salt to {@code digest}, without copying it. */
  void update(MessageDigest digest) {
    digest.update(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeSalt other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return bytes.length;
  }

  /** Never the salt itself: a salt must not reach a log. */
  @Override
  public String toString() {
    return "NodeSalt[" + bytes.length + " bytes]";
  }
}
