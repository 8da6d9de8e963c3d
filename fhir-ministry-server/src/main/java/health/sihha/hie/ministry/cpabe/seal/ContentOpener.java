package health.sihha.hie.ministry.cpabe.seal;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.envelope.Envelope;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
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

  private final CpAbe abe;
  private final AttributeAuthority authority;

  ContentOpener(CpAbe abe, AttributeAuthority authority) {
    this.abe = requireNonNull(abe);
    this.authority = requireNonNull(authority);
  }

  Optional<byte[]> open(Resource stored, Reader reader) {
    byte[] bytes = SealedContent.envelope(stored).orElseThrow(() -> damaged(stored, "its envelope is empty", null));
    try {
      Envelope envelope = CpAbe.inspect(bytes);
      UserKey key = reader.trusted() ? authority.serverKey(envelope.policy(), envelope.epoch()) : reader.key();
      if (key == null) {
        return Optional.empty();
      }
      return Optional.of(abe.open(key, bytes, SealedContent.context(stored, envelope.policy())));
    } catch (EnvelopeOpenException e) {
      if (!reader.trusted() && (e.reason() == EnvelopeOpenException.Reason.NOT_SATISFIED
          || e.reason() == EnvelopeOpenException.Reason.WRONG_EPOCH)) {
        return Optional.empty();
      }
      throw damaged(stored, e.getMessage(), e);
    }
  }

  private static InternalErrorException damaged(Resource stored, String why, Exception cause) {
    String id = stored.fhirType() + "/" + stored.getIdElement().getIdPart();
    LOG.error("sealed content of {} does not open: {}", id, why);
    return new InternalErrorException(Codes.of(1521) + "the sealed content of " + id + " does not open: " + why,
        cause);
  }
}
