package health.sihha.hie.ministry.cpabe.seal;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.envelope.Envelope;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException;
import health.sihha.hie.interceptors.cpabe.envelope.Envelopes;
import health.sihha.hie.interceptors.cpabe.envelope.SealContext;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the envelope of a sealed resource for a {@link Reader}: the plaintext JSON, or empty when the reader's key
 * does not open it (attributes that do not satisfy the policy, a key of another epoch, no key). An envelope that is
 * damaged, altered or bound to another resource never opens for anyone: that is a 500 (SIHHA-1521), not a refusal.
 */
final class ContentOpener {

  private static final Logger LOG = LoggerFactory.getLogger(ContentOpener.class);

  private final AttributeAuthority authority;
  private final Cache<KekId, byte[]> keyEncryptionKeys;

  ContentOpener(AttributeAuthority authority, int cacheSize) {
    this.authority = requireNonNull(authority);
    this.keyEncryptionKeys = Caffeine.newBuilder().maximumSize(cacheSize).build();
  }

  Optional<byte[]> open(Resource stored, Reader reader) {
    byte[] bytes = SealedContent.envelope(stored).orElseThrow(() -> damaged(stored, "its envelope is empty", null));
    try {
      Envelope envelope = CpAbe.inspect(bytes);
      UserKey key = reader.trusted() ? authority.serverKey(envelope.policy(), envelope.epoch()) : reader.key();
      if (key == null) {
        return Optional.empty();
      }
      SealContext context = SealedContent.context(stored, envelope.policy());
      // the pairings are the cost of a read: a header opened once for a key is kept, and serves every envelope
      // that shares it (SharedEncapsulations); kept only once a data key was unwrapped with it
      byte[] kek = keyEncryptionKeys.get(new KekId(key, HexFormat.of().formatHex(Envelopes.headerDigest(envelope))),
          id -> openedHeader(id.key(), envelope, context));
      byte[] dataKey = Envelopes.openDataKey(kek, envelope, context);
      try {
        return Optional.of(Envelopes.openBody(dataKey, envelope, context));
      } finally {
        Arrays.fill(dataKey, (byte) 0);
      }
    } catch (EnvelopeOpenException e) {
      if (!reader.trusted() && (e.reason() == EnvelopeOpenException.Reason.NOT_SATISFIED
          || e.reason() == EnvelopeOpenException.Reason.WRONG_EPOCH)) {
        return Optional.empty();
      }
      throw damaged(stored, e.getMessage(), e);
    }
  }

  /** The key-encryption key of {@code envelope}'s header, once it has unwrapped that envelope's data key. */
  private static byte[] openedHeader(UserKey key, Envelope envelope, SealContext context) {
    byte[] kek = Envelopes.openKeyEncryptionKey(key, envelope, context);
    try {
      Arrays.fill(Envelopes.openDataKey(kek, envelope, context), (byte) 0);
      return kek;
    } catch (RuntimeException e) {
      Arrays.fill(kek, (byte) 0);
      throw e;
    }
  }

  /** A header as opened: by which key (the authority's cached instance), of which header. */
  private record KekId(UserKey key, String headerDigest) {}

  private static InternalErrorException damaged(Resource stored, String why, Exception cause) {
    String id = stored.fhirType() + "/" + stored.getIdElement().getIdPart();
    LOG.error("sealed content of {} does not open: {}", id, why);
    return new InternalErrorException(Codes.of(1521) + "the sealed content of " + id + " does not open: " + why,
        cause);
  }
}
