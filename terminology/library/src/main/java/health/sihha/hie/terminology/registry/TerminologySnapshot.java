package health.sihha.hie.terminology.registry;

import health.sihha.hie.terminology.index.ConceptIndex;
import health.sihha.hie.terminology.translate.ConceptMapIndex;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ResourceType;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Everything the terminology holds at one moment: code system indexes, value sets and concept maps, by id and by
 * canonical URL and version. Never modified once published; a load publishes a new snapshot.
 */
public final class TerminologySnapshot {

  private final Map<String, CodeSystem> codeSystemSummaries;
  private final Map<String, ConceptIndex> codeSystemIndexes;
  private final Map<String, ValueSet> valueSets;
  private final Map<String, ConceptMapIndex> conceptMaps;
  private final Map<Object, Object> derived = new ConcurrentHashMap<>();

  TerminologySnapshot(Map<String, CodeSystem> codeSystemSummaries, Map<String, ConceptIndex> codeSystemIndexes,
      Map<String, ValueSet> valueSets, Map<String, ConceptMapIndex> conceptMaps) {
    this.codeSystemSummaries = Map.copyOf(codeSystemSummaries);
    this.codeSystemIndexes = Map.copyOf(codeSystemIndexes);
    this.valueSets = Map.copyOf(valueSets);
    this.conceptMaps = Map.copyOf(conceptMaps);
  }

  static TerminologySnapshot empty() {
    return new TerminologySnapshot(Map.of(), Map.of(), Map.of(), Map.of());
  }

  Map<String, CodeSystem> codeSystemSummaries() {
    return codeSystemSummaries;
  }

  Map<String, ConceptIndex> codeSystemIndexes() {
    return codeSystemIndexes;
  }

  Map<String, ValueSet> valueSetsById() {
    return valueSets;
  }

  Map<String, ConceptMapIndex> conceptMapsById() {
    return conceptMaps;
  }

  /**
   * The code system version for a canonical ({@code url}, {@code url|version}, or {@code url} with a separate
   * version); without a version, the greatest version.
   */
  public Optional<ConceptIndex> codeSystem(String canonical, @Nullable String version) {
    return newest(codeSystemIndexes.values(), ConceptIndex::summary, canonical, version, null);
  }

  /** As {@link #codeSystem(String, String)}, but only versions dated on or before {@code asOf}, when given. */
  public Optional<ConceptIndex> codeSystem(String canonical, @Nullable String version, @Nullable Date asOf) {
    return newest(codeSystemIndexes.values(), ConceptIndex::summary, canonical, version, asOf);
  }

  public Optional<ValueSet> valueSet(String canonical, @Nullable String version, @Nullable Date asOf) {
    return newest(valueSets.values(), v -> v, canonical, version, asOf);
  }

  public Optional<ConceptMapIndex> conceptMap(String canonical, @Nullable String version) {
    return newest(conceptMaps.values(), ConceptMapIndex::summary, canonical, version, null);
  }

  public Collection<ConceptMapIndex> conceptMaps() {
    return conceptMaps.values();
  }

  public Optional<ConceptIndex> codeSystemById(String id) {
    return Optional.ofNullable(codeSystemIndexes.get(id));
  }

  public Optional<ValueSet> valueSetById(String id) {
    return Optional.ofNullable(valueSets.get(id));
  }

  /** The metadata of every stored resource of {@code type} (no concepts, no map groups). */
  public List<MetadataResource> summaries(ResourceType type) {
    return switch (type) {
      case CodeSystem -> List.copyOf(codeSystemSummaries.values());
      case ValueSet -> List.copyOf(valueSets.values());
      case ConceptMap -> conceptMaps.values().stream().map(m -> (MetadataResource) m.summary()).toList();
      default -> List.of();
    };
  }

  public Optional<MetadataResource> summary(ResourceType type, String id) {
    return summaries(type).stream().filter(r -> r.getIdElement().getIdPart().equals(id)).findFirst();
  }

  /** Whether {@code valueSet} is this snapshot's own instance (stored or implicit), not one sent by a client. */
  public boolean holds(ValueSet valueSet) {
    for (ValueSet held : valueSets.values()) {
      if (held == valueSet) {
        return true;
      }
    }
    return valueSet.hasUrl() && (derived.get(valueSet.getUrl()) == valueSet
        || derived.get(valueSet.getUrl() + "|" + valueSet.getVersion()) == valueSet);
  }

  /**
   * A value computed once per snapshot from its content (a compiled value set, say), dropped with the snapshot when
   * a load replaces it.
   */
  @SuppressWarnings("unchecked")
  public <K, V> V derive(K key, Function<K, V> compute) {
    return (V) derived.computeIfAbsent(key, k -> compute.apply((K) k));
  }

  private static <T> Optional<T> newest(Collection<T> candidates, Function<T, MetadataResource> metadata,
      String canonical, @Nullable String version, @Nullable Date asOf) {
    String url = canonical;
    String wanted = version;
    int bar = canonical.indexOf('|');
    if (bar >= 0) {
      url = canonical.substring(0, bar);
      wanted = wanted != null ? wanted : canonical.substring(bar + 1);
    }
    String finalUrl = url;
    String finalVersion = wanted;
    Predicate<MetadataResource> matches = r -> finalUrl.equals(r.getUrl())
        && (finalVersion == null || finalVersion.equals(r.getVersion()))
        && (asOf == null || !r.hasDate() || !r.getDate().after(asOf));
    List<T> found = new ArrayList<>();
    for (T candidate : candidates) {
      if (matches.test(metadata.apply(candidate))) {
        found.add(candidate);
      }
    }
    Comparator<MetadataResource> order = Comparator.comparing(
        (MetadataResource r) -> r.hasVersion() ? r.getVersion() : "", VersionOrder.INSTANCE)
        .thenComparing(r -> r.getMeta().getLastUpdated(), Comparator.nullsFirst(Comparator.naturalOrder()));
    return found.stream().max((a, b) -> order.compare(metadata.apply(a), metadata.apply(b)));
  }
}
