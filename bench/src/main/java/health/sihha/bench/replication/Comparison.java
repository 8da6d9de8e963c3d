package health.sihha.bench.replication;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.util.BundleUtil;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Every current Observation and Patient of each provider against the ministry's copy, by content: the copy must be
 * the provider's version with the national id ({@code <provider>.<id>}) and references rewritten the same way; meta's
 * version, time and source and the source tag are the ministry's own.
 */
record Comparison(long compared, long lost, long mismatched, long extra) {

  private static final List<String> TYPES = List.of("Patient", "Observation");
  private static final Duration POLL = Duration.ofSeconds(5);
  private static final Duration FULL_EVERY = Duration.ofSeconds(60);

  ReplicationResults.Content summary() {
    return new ReplicationResults.Content(compared, lost, mismatched, extra);
  }

  /**
   * Compares until nothing differs or {@code timeout} has passed; returns the last comparison. A comparison reads
   * every store whole, which takes the servers' CPU from the delivery it waits for: it runs when the providers'
   * outboxes are empty, or once per {@link #FULL_EVERY} otherwise, and the backlog is polled in between.
   */
  static Comparison await(FhirContext fhir, List<String> providers, List<IGenericClient> clients,
      IGenericClient ministry, OutboxBacklog backlog, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Instant nextFull = Instant.now();
    while (true) {
      List<Long> undelivered = backlog.undelivered();
      boolean empty = undelivered.stream().allMatch(n -> n == 0);
      boolean last = Instant.now().isAfter(deadline);
      if (empty || last || Instant.now().isAfter(nextFull)) {
        Comparison comparison = of(fhir, providers, clients, ministry);
        if (comparison.lost + comparison.mismatched + comparison.extra == 0 || last) {
          return comparison;
        }
        System.out.printf("  not caught up yet: %s, undelivered %s%n", comparison, undelivered);
        nextFull = Instant.now().plus(FULL_EVERY);
      } else {
        System.out.printf("  undelivered at the providers: %s%n", undelivered);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return of(fhir, providers, clients, ministry);
      }
    }
  }

  static Comparison of(FhirContext fhir, List<String> providers, List<IGenericClient> clients,
      IGenericClient ministry) {
    FhirTerser terser = fhir.newTerser();
    long compared = 0;
    long lost = 0;
    long mismatched = 0;
    long extra = 0;
    for (String type : TYPES) {
      for (int i = 0; i < providers.size(); i++) {
        String provider = providers.get(i);
        Map<String, Resource> national = all(fhir, ministry, type, provider);
        for (Resource source : all(fhir, clients.get(i), type, null).values()) {
          compared++;
          Resource copy = national.remove(provider + "." + source.getIdElement().getIdPart());
          if (copy == null) {
            lost++;
          } else if (!comparable(fhir, expected(terser, source, provider)).equals(comparable(fhir, copy))) {
            mismatched++;
          }
        }
        extra += national.size();
      }
    }
    return new Comparison(compared, lost, mismatched, extra);
  }

  private static Resource expected(FhirTerser terser, Resource source, String provider) {
    Resource copy = source.copy();
    copy.setId(new IdType(source.fhirType(), provider + "." + source.getIdElement().getIdPart()));
    for (ResourceReferenceInfo info : terser.getAllResourceReferences(copy)) {
      IIdType target = info.getResourceReference().getReferenceElement();
      if (target != null && target.hasResourceType() && target.hasIdPart() && !target.hasBaseUrl()) {
        info.getResourceReference().setReference(target.getResourceType() + "/" + provider + "." + target.getIdPart());
      }
    }
    return copy;
  }

  private static String comparable(FhirContext fhir, Resource resource) {
    Resource copy = resource.copy();
    copy.setId(copy.getIdElement().toUnqualifiedVersionless());
    copy.getMeta().setVersionId(null).setLastUpdated(null).setSource(null);
    copy.getMeta().getTag().removeIf(tag -> NationalVersions.SOURCE_SYSTEM.equals(tag.getSystem()));
    return fhir.newJsonParser().encodeResourceToString(copy);
  }

  private static Map<String, Resource> all(FhirContext fhir, IGenericClient client, String type, String sourceTag) {
    // HAPI answers a repeated search from its search cache for a minute: each comparison must see the store now
    var search = client.search().forResource(type).count(500)
        .cacheControl(new CacheControlDirective().setNoCache(true));
    if (sourceTag != null) {
      search = search.withTag(NationalVersions.SOURCE_SYSTEM, sourceTag);
    }
    Bundle page = search.returnBundle(Bundle.class).execute();
    Map<String, Resource> resources = new HashMap<>();
    while (true) {
      for (IBaseResource resource : BundleUtil.toListOfResources(fhir, page)) {
        resources.put(resource.getIdElement().getIdPart(), (Resource) resource);
      }
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return resources;
      }
      page = client.loadPage().next(page).execute();
    }
  }
}
