package health.sihha.bench.replication;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.util.BundleUtil;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/**
 * Every version the ministry stored of the Observations, from its history: which provider version each one is (its
 * {@code meta.source}, {@code <provider base>/Observation/<id>/_history/<v>}, and source tag) and when the ministry
 * stored it ({@code meta.lastUpdated}).
 */
record NationalVersions(Map<String, List<Applied>> bySource, long duplicates) {

  static final String SOURCE_SYSTEM = "https://sihha.health/fhir/CodeSystem/source-provider";

  /** A provider version as the ministry stored it. */
  record Applied(long sourceVersion, Instant at) {}

  static String key(String provider, String id) {
    return provider + "/" + id;
  }

  static NationalVersions read(FhirContext fhir, IGenericClient ministry) {
    Map<String, List<Applied>> bySource = new HashMap<>();
    long duplicates = 0;
    Bundle page = ministry.history().onType("Observation").returnBundle(Bundle.class).count(500).execute();
    while (true) {
      for (IBaseResource version : BundleUtil.toListOfResources(fhir, page)) {
        Resource resource = (Resource) version;
        String source = resource.getMeta().getSource();
        Coding tag = resource.getMeta().getTag().stream().filter(t -> SOURCE_SYSTEM.equals(t.getSystem()))
            .findFirst().orElse(null);
        int history = source == null ? -1 : source.lastIndexOf("/_history/");
        if (tag == null || history < 0) {
          continue;
        }
        String path = source.substring(0, history);
        String id = path.substring(path.lastIndexOf('/') + 1);
        long sourceVersion = Long.parseLong(source.substring(history + "/_history/".length()).replaceAll("#.*", ""));
        List<Applied> applied = bySource.computeIfAbsent(key(tag.getCode(), id), k -> new ArrayList<>());
        if (applied.stream().anyMatch(a -> a.sourceVersion() == sourceVersion)) {
          duplicates++;
        }
        applied.add(new Applied(sourceVersion, resource.getMeta().getLastUpdated().toInstant()));
      }
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return new NationalVersions(bySource, duplicates);
      }
      page = ministry.loadPage().next(page).execute();
    }
  }
}
