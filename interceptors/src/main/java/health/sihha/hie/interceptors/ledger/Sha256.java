package health.sihha.hie.interceptors.ledger;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import health.sihha.hie.interceptors.Codes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256, which every Java platform has (JCA standard names). */
public final class Sha256 {

  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

  private Sha256() {}

  /** A fresh SHA-256 {@link MessageDigest}; digests are not thread-safe, so each caller takes its own. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new InternalErrorException(Codes.of(1462) + "this Java platform has no SHA-256", e);
    }
  }

  /** SHA-256 of the concatenation of {@code parts}. */
  public static Hash of(byte[]... parts) {
    MessageDigest digest = DIGEST.get();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return new Hash(digest.digest());
  }
}
