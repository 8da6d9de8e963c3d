package health.sihha.hie.terminology.translate;

import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.ConceptMap.SourceElementComponent;
import org.hl7.fhir.r4.model.ConceptMap.TargetElementComponent;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;

/**
 * One concept map version held as two hash maps (source → targets and target → sources), so that {@code $translate}
 * in either direction is a lookup whatever the size of the map.
 */
public final class ConceptMapIndex {

  private final ConceptMap summary;
  private final Map<String, List<Mapping>> forward = new HashMap<>();
  private final Map<String, List<Mapping>> reverse = new HashMap<>();
  private final int size;

  private ConceptMapIndex(ConceptMap conceptMap) {
    summary = conceptMap.copy();
    summary.setGroup(null);
    summary.setText(null);
    int count = 0;
    for (ConceptMapGroupComponent group : conceptMap.getGroup()) {
      for (SourceElementComponent element : group.getElement()) {
        for (TargetElementComponent target : element.getTarget()) {
          Mapping mapping = new Mapping(group.getSource(), group.getSourceVersion(), element.getCode(),
              element.getDisplay(), group.getTarget(), group.getTargetVersion(), target.getCode(), target.getDisplay(),
              target.hasEquivalence() ? target.getEquivalence() : ConceptMapEquivalence.EQUIVALENT,
              target.getComment());
          forward.computeIfAbsent(key(mapping.sourceSystem(), mapping.sourceCode()), k -> new ArrayList<>(1))
              .add(mapping);
          reverse.computeIfAbsent(key(mapping.targetSystem(), mapping.targetCode()), k -> new ArrayList<>(1))
              .add(mapping);
          count++;
        }
      }
    }
    size = count;
  }

  public static ConceptMapIndex of(ConceptMap conceptMap) {
    return new ConceptMapIndex(conceptMap);
  }

  /** The concept map's metadata (no groups). Callers must not modify it. */
  public ConceptMap summary() {
    return summary;
  }

  public String url() {
    return summary.getUrl();
  }

  public int size() {
    return size;
  }

  /** Mappings whose source is {@code system|code}. */
  public List<Mapping> from(@Nullable String system, String code) {
    return lookup(forward, system, code);
  }

  /** Mappings whose target is {@code system|code}. */
  public List<Mapping> to(@Nullable String system, String code) {
    return lookup(reverse, system, code);
  }

  private static List<Mapping> lookup(Map<String, List<Mapping>> map, @Nullable String system, String code) {
    if (system != null) {
      return map.getOrDefault(key(system, code), List.of());
    }
    List<Mapping> any = new ArrayList<>();
    map.forEach((key, mappings) -> {
      if (key.endsWith("|" + code)) {
        any.addAll(mappings);
      }
    });
    return any;
  }

  private static String key(@Nullable String system, String code) {
    return (system == null ? "" : system) + "|" + code;
  }

  /** One source concept mapped to one target concept. */
  public record Mapping(String sourceSystem, @Nullable String sourceVersion, String sourceCode,
      @Nullable String sourceDisplay, String targetSystem, @Nullable String targetVersion, @Nullable String targetCode,
      @Nullable String targetDisplay, ConceptMapEquivalence equivalence, @Nullable String comment) {}
}
