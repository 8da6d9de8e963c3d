package health.sihha.hie.terminology.registry;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.terminology.index.ConceptIndex;
import health.sihha.hie.terminology.load.TerminologyPackage;
import health.sihha.hie.terminology.store.TerminologyStore;
import health.sihha.hie.terminology.translate.ConceptMapIndex;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ResourceType;
import org.hl7.fhir.r4.model.ValueSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The terminology one server holds: resources persisted in a {@link TerminologyStore}, served from an immutable
 * {@link TerminologySnapshot}. A write builds the new indexes first, then stores, then publishes a new snapshot, so
 * readers never see a half-loaded code system and a failed load leaves the previous content serving.
 */
public final class TerminologyRegistry {

  private static final Logger log = LoggerFactory.getLogger(TerminologyRegistry.class);

  private final FhirContext fhirContext;
  private final TerminologyStore store;
  private volatile TerminologySnapshot snapshot = TerminologySnapshot.empty();

  private TerminologyRegistry(FhirContext fhirContext, TerminologyStore store) {
    this.fhirContext = fhirContext;
    this.store = store;
  }

  /** Opens the store in {@code directory} and indexes everything in it. */
  public static TerminologyRegistry open(FhirContext fhirContext, Path directory) {
    TerminologyRegistry registry = unloaded(fhirContext, directory);
    registry.reload();
    return registry;
  }

  /** A registry over the store in {@code directory} that holds nothing until {@link #reload()}. */
  public static TerminologyRegistry unloaded(FhirContext fhirContext, Path directory) {
    return new TerminologyRegistry(fhirContext, new TerminologyStore(fhirContext, directory));
  }

  public TerminologySnapshot snapshot() {
    return snapshot;
  }

  public FhirContext fhirContext() {
    return fhirContext;
  }

  /** The folder the registry's store keeps its resources in. */
  public Path directory() {
    return store.directory();
  }

  /** Re-reads the whole store, e.g. after another process wrote to it. */
  public synchronized void reload() {
    long started = System.nanoTime();
    List<CodeSystem> codeSystems = store.readAll(CodeSystem.class);
    Map<String, CodeSystem> summaries = new HashMap<>();
    Map<String, ConceptIndex> indexes = new HashMap<>();
    for (CodeSystem codeSystem : codeSystems) {
      summaries.put(idOf(codeSystem), summaryOf(codeSystem));
      if (codeSystem.getContent() != CodeSystemContentMode.SUPPLEMENT) {
        indexes.put(idOf(codeSystem), ConceptIndex.of(codeSystem, supplementsOf(codeSystem, codeSystems)));
      }
    }
    Map<String, ValueSet> valueSets = new HashMap<>();
    store.readAll(ValueSet.class).forEach(v -> valueSets.put(idOf(v), v));
    Map<String, ConceptMapIndex> conceptMaps = new HashMap<>();
    store.readAll(ConceptMap.class).forEach(m -> conceptMaps.put(idOf(m), ConceptMapIndex.of(m)));
    snapshot = new TerminologySnapshot(summaries, indexes, valueSets, conceptMaps);
    log.info("Terminology from {}: {} code systems ({} concepts), {} value sets, {} concept maps in {} ms",
        store.directory(), summaries.size(), indexes.values().stream().mapToInt(ConceptIndex::size).sum(),
        valueSets.size(), conceptMaps.size(), (System.nanoTime() - started) / 1_000_000);
  }

  /** Stores a code system, value set or concept map and publishes it. Returns it as stored (id, meta). */
  public synchronized MetadataResource put(MetadataResource resource) {
    return putAll(List.of(resource)).get(0);
  }

  /** Stores everything one load produced, and publishes it in one new snapshot. */
  public synchronized List<MetadataResource> putAll(TerminologyPackage terminology) {
    List<MetadataResource> resources = new ArrayList<>();
    resources.add(terminology.codeSystem());
    resources.addAll(terminology.valueSets());
    resources.addAll(terminology.conceptMaps());
    return putAll(resources);
  }

  /**
   * Stores copies of another server's resources as they are there (same ids, same {@code meta}), replacing what is
   * held under those ids: how a replica follows its source.
   */
  public synchronized void mirror(List<MetadataResource> resources) {
    apply(resources, false);
  }

  private List<MetadataResource> putAll(List<MetadataResource> resources) {
    return apply(resources, true);
  }

  private List<MetadataResource> apply(List<MetadataResource> resources, boolean assignMeta) {
    TerminologySnapshot current = snapshot;
    Map<String, CodeSystem> summaries = new HashMap<>(current.codeSystemSummaries());
    Map<String, ConceptIndex> indexes = new HashMap<>(current.codeSystemIndexes());
    Map<String, ValueSet> valueSets = new HashMap<>(current.valueSetsById());
    Map<String, ConceptMapIndex> conceptMaps = new HashMap<>(current.conceptMapsById());
    List<MetadataResource> stored = new ArrayList<>();
    for (MetadataResource resource : resources) {
      MetadataResource prepared = assignMeta ? prepare(resource, current) : checkedCopy(resource);
      if (prepared instanceof CodeSystem codeSystem) {
        summaries.put(idOf(codeSystem), summaryOf(codeSystem));
        indexCodeSystem(codeSystem, summaries, indexes);
      } else if (prepared instanceof ValueSet valueSet) {
        valueSets.put(idOf(valueSet), valueSet);
      } else if (prepared instanceof ConceptMap conceptMap) {
        conceptMaps.put(idOf(conceptMap), ConceptMapIndex.of(conceptMap));
      }
      stored.add(prepared);
    }
    stored.forEach(store::write);
    snapshot = new TerminologySnapshot(summaries, indexes, valueSets, conceptMaps);
    for (MetadataResource resource : stored) {
      log.info("Stored {}/{} ({}|{})", resource.getResourceType(), idOf(resource), resource.getUrl(),
          resource.getVersion());
    }
    return stored;
  }

  /** Removes a stored resource; false when there was none. */
  public synchronized boolean delete(ResourceType type, String id) {
    TerminologySnapshot current = snapshot;
    if (current.summary(type, id).isEmpty()) {
      return false;
    }
    Map<String, CodeSystem> summaries = new HashMap<>(current.codeSystemSummaries());
    Map<String, ConceptIndex> indexes = new HashMap<>(current.codeSystemIndexes());
    Map<String, ValueSet> valueSets = new HashMap<>(current.valueSetsById());
    Map<String, ConceptMapIndex> conceptMaps = new HashMap<>(current.conceptMapsById());
    switch (type) {
      case CodeSystem -> {
        CodeSystem removed = summaries.remove(id);
        indexes.remove(id);
        if (removed.getContent() == CodeSystemContentMode.SUPPLEMENT) {
          reindexSupplemented(removed, summaries, indexes);
        }
      }
      case ValueSet -> valueSets.remove(id);
      case ConceptMap -> conceptMaps.remove(id);
      default -> throw new IllegalArgumentException("not a terminology resource type: " + type);
    }
    store.delete(type.name(), id);
    snapshot = new TerminologySnapshot(summaries, indexes, valueSets, conceptMaps);
    return true;
  }

  /** A stored resource in full (a code system with all its concepts), read from disk. */
  public <T extends IBaseResource> T read(Class<T> type, String id) {
    ResourceType resourceType = ResourceType.fromCode(fhirContext.getResourceType(type));
    if (!TerminologyStore.isValidId(id) || snapshot.summary(resourceType, id).isEmpty()) {
      throw new ResourceNotFoundException(Codes.of(1301) + resourceType + "/" + id + " is not known here");
    }
    return store.read(type, id);
  }

  private void indexCodeSystem(CodeSystem codeSystem, Map<String, CodeSystem> summaries,
      Map<String, ConceptIndex> indexes) {
    if (codeSystem.getContent() == CodeSystemContentMode.SUPPLEMENT) {
      reindexSupplemented(codeSystem, summaries, indexes);
      return;
    }
    List<CodeSystem> supplements = summaries.values().stream()
        .filter(s -> s.getContent() == CodeSystemContentMode.SUPPLEMENT && supplementsBase(s, codeSystem))
        .map(s -> store.read(CodeSystem.class, idOf(s)))
        .toList();
    try {
      indexes.put(idOf(codeSystem), ConceptIndex.of(codeSystem, supplements));
    } catch (RuntimeException e) {
      throw new UnprocessableEntityException(Codes.of(1302) + "CodeSystem " + codeSystem.getUrl()
          + " cannot be indexed: " + e.getMessage());
    }
  }

  /** A supplement changed: re-index every base code system version it supplements, from the index held. */
  private void reindexSupplemented(CodeSystem supplement, Map<String, CodeSystem> summaries,
      Map<String, ConceptIndex> indexes) {
    for (CodeSystem base : List.copyOf(summaries.values())) {
      ConceptIndex held = indexes.get(idOf(base));
      if (held == null || base.getContent() == CodeSystemContentMode.SUPPLEMENT || !supplementsBase(supplement, base)) {
        continue;
      }
      List<CodeSystem> supplements = new ArrayList<>();
      for (CodeSystem other : summaries.values()) {
        if (other.getContent() == CodeSystemContentMode.SUPPLEMENT && supplementsBase(other, base)) {
          supplements.add(idOf(other).equals(idOf(supplement)) ? supplement : store.read(CodeSystem.class, idOf(other)));
        }
      }
      indexes.put(idOf(base), held.withSupplements(supplements));
    }
  }

  private static boolean supplementsBase(CodeSystem supplement, CodeSystem base) {
    String target = supplement.getSupplements();
    if (target == null) {
      return false;
    }
    int bar = target.indexOf('|');
    String url = bar < 0 ? target : target.substring(0, bar);
    String version = bar < 0 ? null : target.substring(bar + 1);
    return url.equals(base.getUrl()) && (version == null || version.equals(base.getVersion()));
  }

  private static List<CodeSystem> supplementsOf(CodeSystem base, List<CodeSystem> all) {
    return all.stream()
        .filter(s -> s.getContent() == CodeSystemContentMode.SUPPLEMENT && supplementsBase(s, base))
        .toList();
  }

  /** Checks the canonical URL, gives the resource its id and meta, and returns the copy to store. */
  private MetadataResource prepare(MetadataResource resource, TerminologySnapshot current) {
    if (!resource.hasUrl()) {
      throw new UnprocessableEntityException(Codes.of(1303) + resource.getResourceType()
          + ".url is required: terminology resources are found by canonical URL");
    }
    if (resource instanceof CodeSystem codeSystem && codeSystem.getContent() == CodeSystemContentMode.SUPPLEMENT
        && !codeSystem.hasSupplements()) {
      throw new UnprocessableEntityException(Codes.of(1304) + "a supplement must say which code system it supplements"
          + " (CodeSystem.supplements)");
    }
    MetadataResource copy = resource.copy();
    String id = resource.getIdElement().hasIdPart()
        ? resource.getIdElement().getIdPart()
        : sameCanonical(resource, current).orElseGet(() -> newId(resource));
    if (!TerminologyStore.isValidId(id)) {
      throw new InvalidRequestException(Codes.of(1305) + "not a valid resource id: " + id);
    }
    Optional<MetadataResource> previous = current.summary(resource.getResourceType(), id);
    long version = previous.map(p -> p.getMeta().hasVersionId() ? Long.parseLong(p.getMeta().getVersionId()) : 0L)
        .orElse(0L) + 1;
    copy.setId(resource.getResourceType().name() + "/" + id);
    copy.getMeta().setVersionId(Long.toString(version));
    copy.getMeta().setLastUpdated(new Date());
    return copy;
  }

  private static MetadataResource checkedCopy(MetadataResource resource) {
    if (!resource.getIdElement().hasIdPart() || !TerminologyStore.isValidId(resource.getIdElement().getIdPart())
        || !resource.hasUrl()) {
      throw new UnprocessableEntityException(Codes.of(1306) + "a mirrored " + resource.getResourceType()
          + " needs a valid id and a url");
    }
    MetadataResource copy = resource.copy();
    copy.setId(resource.getResourceType().name() + "/" + resource.getIdElement().getIdPart());
    return copy;
  }

  private static Optional<String> sameCanonical(MetadataResource resource, TerminologySnapshot current) {
    return current.summaries(resource.getResourceType()).stream()
        .filter(r -> resource.getUrl().equals(r.getUrl()) && Objects.equals(resource.getVersion(),
            r.getVersion()))
        .map(TerminologyRegistry::idOf)
        .findFirst();
  }

  private static String newId(MetadataResource resource) {
    String base = resource.hasName() ? resource.getName() : resource.getUrl().replaceAll(".*[/:]", "");
    String id = base + (resource.hasVersion() ? "-" + resource.getVersion() : "");
    String slug = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.\\-]+", "-").replaceAll("^-+|-+$", "");
    if (slug.isEmpty()) {
      slug = Integer.toHexString(resource.getUrl().hashCode());
    }
    return slug.length() > 64 ? slug.substring(0, 64) : slug;
  }

  private static String idOf(IBaseResource resource) {
    return resource.getIdElement().getIdPart();
  }

  private static CodeSystem summaryOf(CodeSystem codeSystem) {
    CodeSystem summary = codeSystem.copy();
    summary.setConcept(null);
    summary.setText(null);
    return summary;
  }
}
