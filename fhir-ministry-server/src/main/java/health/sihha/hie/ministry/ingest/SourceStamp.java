package health.sihha.hie.ministry.ingest;

import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import java.util.OptionalLong;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;

/**
 * Where a national resource came from, written into its meta: {@code meta.source} is the provider's versioned URL of
 * the resource ({@code http://provider/fhir/Patient/123/_history/2}) and a {@code meta.tag} in the
 * {@value #SYSTEM} system names the provider, so the national store can be searched by source with {@code _tag}.
 */
final class SourceStamp {

  static final String SYSTEM = "https://sihha.health/fhir/CodeSystem/source-provider";

  private static final String HISTORY = "/_history/";

  private SourceStamp() {}

  static void stamp(Resource resource, RegisteredProvider provider, IIdType sourceId) {
    Meta meta = resource.getMeta();
    meta.setSource(sourceUrl(provider, sourceId));
    meta.setVersionId(null);
    meta.setLastUpdated(null);
    meta.getTag().removeIf(tag -> SYSTEM.equals(tag.getSystem()));
    meta.addTag(SYSTEM, provider.id(), provider.name());
  }

  /** The provider's URL of {@code sourceId}, with its version when it has one. */
  static String sourceUrl(RegisteredProvider provider, IIdType sourceId) {
    String base = provider.fhirBase().toString();
    return (base.endsWith("/") ? base : base + "/") + sourceId.getResourceType() + "/" + sourceId.getIdPart()
        + (sourceId.hasVersionIdPart() ? HISTORY + sourceId.getVersionIdPart() : "");
  }

  /** The provider's version recorded on a stored resource by {@link #stamp}, if it came from that provider. */
  static OptionalLong sourceVersion(Resource stored, String providerId) {
    Meta meta = stored.getMeta();
    boolean fromProvider = meta.getTag().stream()
        .anyMatch(tag -> SYSTEM.equals(tag.getSystem()) && providerId.equals(tag.getCode()));
    String source = meta.getSource();
    if (!fromProvider || source == null) {
      return OptionalLong.empty();
    }
    int hash = source.indexOf('#');
    String uri = hash < 0 ? source : source.substring(0, hash);
    int history = uri.lastIndexOf(HISTORY);
    if (history < 0) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(uri.substring(history + HISTORY.length())));
    } catch (NumberFormatException notNumeric) {
      return OptionalLong.empty();
    }
  }
}
