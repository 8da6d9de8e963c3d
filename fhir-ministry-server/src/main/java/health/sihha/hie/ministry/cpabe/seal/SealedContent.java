package health.sihha.hie.ministry.cpabe.seal;

import health.sihha.hie.interceptors.cpabe.envelope.SealContext;
import java.util.Optional;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Resource;

/**
 * Where a sealed resource keeps its envelope, and what the envelope is bound to. The envelope is the base64 value of
 * extension {@value #URL} on the projection. Its {@link SealContext} is the resource type, the provider's logical id
 * and the provider's version, read from {@code meta.source} as the ingestion stamps it
 * ({@code <provider base>/<type>/<id>/_history/<version>}); a resource of the ministry's own (a person record, a
 * placeholder) has no such source and is bound to its national id and {@value #OWN_VERSION}.
 */
public final class SealedContent {

  public static final String URL = "https://sihha.health/fhir/StructureDefinition/sealed-content";

  static final String OWN_VERSION = "ministry";

  private static final String HISTORY = "/_history/";

  private SealedContent() {}

  /** Whether {@code resource} already carries an envelope. */
  public static boolean isSealed(Resource resource) {
    return resource instanceof DomainResource domain && domain.getExtensionByUrl(URL) != null;
  }

  /** The envelope of a sealed resource. */
  static Optional<byte[]> envelope(Resource resource) {
    if (!(resource instanceof DomainResource domain)) {
      return Optional.empty();
    }
    Extension extension = domain.getExtensionByUrl(URL);
    if (extension == null || !(extension.getValue() instanceof Base64BinaryType value) || !value.hasValue()) {
      return Optional.empty();
    }
    return Optional.of(value.getValue());
  }

  static void attach(DomainResource projection, byte[] envelope) {
    projection.addExtension(URL, new Base64BinaryType(envelope));
  }

  /** The context {@code resource} is sealed in under {@code policy}. */
  static SealContext context(Resource resource, String policy) {
    String type = resource.fhirType();
    String source = resource.getMeta().getSource();
    if (source != null) {
      int hash = source.indexOf('#');
      String uri = hash < 0 ? source : source.substring(0, hash);
      int history = uri.lastIndexOf(HISTORY);
      String prefix = "/" + type + "/";
      int start = history < 0 ? -1 : uri.lastIndexOf(prefix, history);
      if (start >= 0) {
        return new SealContext(type, uri.substring(start + prefix.length(), history),
            uri.substring(history + HISTORY.length()), policy);
      }
    }
    return new SealContext(type, resource.getIdElement().getIdPart(), OWN_VERSION, policy);
  }

  /** A record holding its id and meta alone (a withdrawn patient's), which has nothing to seal. */
  static boolean isBare(Resource resource) {
    Resource content = resource.copy();
    content.setIdElement(null);
    content.setMeta(null);
    return content.isEmpty();
  }
}
