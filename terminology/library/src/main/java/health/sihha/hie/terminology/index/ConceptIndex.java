package health.sihha.hie.terminology.index;

import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionDesignationComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;

/**
 * One code system version held in memory in compact arrays: codes, displays, designations, properties, the is-a
 * hierarchy and the autocomplete index. Immutable, so a request keeps reading the version it started with while a
 * newer one is loaded.
 *
 * <p>Concepts are numbered in the order the code system lists them (depth first), and every lookup below is by that
 * number.
 */
public final class ConceptIndex {

  private static final int[] NONE = new int[0];
  private static final Designation[] NO_DESIGNATIONS = new Designation[0];
  private static final ConceptProperty[] NO_PROPERTIES = new ConceptProperty[0];

  private final CodeSystem summary;
  private final String[] codes;
  private final String[] displays;
  private final int[][] parents;
  private final int[][] children;
  private final BitSet inactive;
  private final BitSet notSelectable;
  private final Designation[][] ownDesignations;
  private final ConceptProperty[][] ownProperties;
  private final Designation[][] designations;
  private final ConceptProperty[][] properties;
  private final Map<String, Integer> ids;
  private final TextIndex text;

  private ConceptIndex(ConceptIndex base, Designation[][] designations, ConceptProperty[][] properties) {
    summary = base.summary;
    codes = base.codes;
    displays = base.displays;
    parents = base.parents;
    children = base.children;
    inactive = base.inactive;
    notSelectable = base.notSelectable;
    ownDesignations = base.ownDesignations;
    ownProperties = base.ownProperties;
    ids = base.ids;
    this.designations = designations;
    this.properties = properties;
    text = textIndex(codes, displays, designations);
  }

  private ConceptIndex(Builder built) {
    summary = built.summary;
    int n = built.codes.size();
    codes = built.codes.toArray(String[]::new);
    displays = built.displays.toArray(String[]::new);
    ownDesignations = built.designations.toArray(Designation[][]::new);
    ownProperties = built.properties.toArray(ConceptProperty[][]::new);
    designations = ownDesignations;
    properties = ownProperties;
    inactive = built.inactive;
    notSelectable = built.notSelectable;
    ids = built.ids;
    parents = new int[n][];
    children = new int[n][];
    for (int c = 0; c < n; c++) {
      parents[c] = toArray(built.parents.get(c));
      children[c] = toArray(built.children.get(c));
    }
    text = textIndex(codes, displays, designations);
  }

  private static TextIndex textIndex(String[] codes, String[] displays, Designation[][] designations) {
    int n = codes.length;
    List<List<String>> names = new ArrayList<>(n);
    int[] displayLengths = new int[n];
    for (int c = 0; c < n; c++) {
      List<String> conceptNames = new ArrayList<>(1 + designations[c].length);
      conceptNames.add(displays[c]);
      for (Designation designation : designations[c]) {
        conceptNames.add(designation.value());
      }
      names.add(conceptNames);
      displayLengths[c] = displays[c].length();
    }
    return TextIndex.build(codes, names, displayLengths);
  }

  /**
   * Indexes a code system with the supplements that add designations and properties to it.
   *
   * @param codeSystem a code system with its concepts; its concepts are copied, the resource is not kept
   */
  public static ConceptIndex of(CodeSystem codeSystem, List<CodeSystem> supplements) {
    Builder builder = new Builder(codeSystem);
    for (ConceptDefinitionComponent concept : codeSystem.getConcept()) {
      builder.add(concept, -1);
    }
    builder.linkPropertyHierarchy();
    ConceptIndex own = new ConceptIndex(builder);
    return supplements.isEmpty() ? own : own.withSupplements(supplements);
  }

  /**
   * This code system version with another set of supplements (replacing any it had), built from the arrays held
   * here, so a translation can be added without reading the code system again.
   */
  public ConceptIndex withSupplements(List<CodeSystem> supplements) {
    Designation[][] supplemented = ownDesignations.clone();
    ConceptProperty[][] supplementedProperties = ownProperties.clone();
    for (CodeSystem supplement : supplements) {
      for (ConceptDefinitionComponent concept : flatten(supplement.getConcept(), new ArrayList<>())) {
        Integer id = ids.get(key(concept.getCode()));
        if (id != null) {
          supplemented[id] = concat(supplemented[id], Builder.designationsOf(concept.getDesignation()));
          supplementedProperties[id] = concat(supplementedProperties[id], Builder.propertiesOf(concept.getProperty()));
        }
      }
    }
    return new ConceptIndex(this, supplemented, supplementedProperties);
  }

  private static List<ConceptDefinitionComponent> flatten(List<ConceptDefinitionComponent> concepts,
      List<ConceptDefinitionComponent> into) {
    for (ConceptDefinitionComponent concept : concepts) {
      into.add(concept);
      flatten(concept.getConcept(), into);
    }
    return into;
  }

  private String key(String code) {
    return summary.getCaseSensitive() ? code : code.toLowerCase(Locale.ROOT);
  }

  /** The code system's metadata (no concepts). Callers must not modify it. */
  public CodeSystem summary() {
    return summary;
  }

  public String system() {
    return summary.getUrl();
  }

  @Nullable
  public String version() {
    return summary.getVersion();
  }

  /** {@code fragment} when only part of the code system is held here, so an unknown code is not proof of error. */
  public CodeSystemContentMode content() {
    return summary.getContent();
  }

  public boolean isFragment() {
    return summary.getContent() == CodeSystemContentMode.FRAGMENT;
  }

  public int size() {
    return codes.length;
  }

  /** The concept number of {@code code}, if the code system has it. */
  public Optional<Integer> find(String code) {
    return Optional.ofNullable(ids.get(key(code)));
  }

  public String code(int concept) {
    return codes[concept];
  }

  public String display(int concept) {
    return displays[concept];
  }

  /** The display in {@code language} when a designation gives one, else the code system's own display. */
  public String display(int concept, @Nullable String language) {
    if (language == null || language.isBlank() || language.equalsIgnoreCase(summary.getLanguage())) {
      return displays[concept];
    }
    for (String requested : language.split(",")) {
      String tag = requested.split(";")[0].trim();
      for (Designation designation : designations[concept]) {
        if (designation.inLanguage(tag)) {
          return designation.value();
        }
      }
    }
    return displays[concept];
  }

  public List<Designation> designations(int concept) {
    return List.of(designations[concept]);
  }

  public List<ConceptProperty> properties(int concept) {
    return List.of(properties[concept]);
  }

  public boolean isInactive(int concept) {
    return inactive.get(concept);
  }

  public boolean isNotSelectable(int concept) {
    return notSelectable.get(concept);
  }

  public int[] parents(int concept) {
    return parents[concept].clone();
  }

  public int[] children(int concept) {
    return children[concept].clone();
  }

  /** {@code concept} (when {@code includeSelf}) and everything below it. */
  public BitSet descendants(int concept, boolean includeSelf) {
    return closure(concept, includeSelf, children);
  }

  /** {@code concept} (when {@code includeSelf}) and everything above it. */
  public BitSet ancestors(int concept, boolean includeSelf) {
    return closure(concept, includeSelf, parents);
  }

  private BitSet closure(int concept, boolean includeSelf, int[][] edges) {
    BitSet seen = new BitSet(codes.length);
    List<Integer> stack = new ArrayList<>(List.of(concept));
    while (!stack.isEmpty()) {
      int next = stack.remove(stack.size() - 1);
      for (int linked : edges[next]) {
        if (!seen.get(linked)) {
          seen.set(linked);
          stack.add(linked);
        }
      }
    }
    seen.set(concept, includeSelf);
    return seen;
  }

  /**
   * The best concepts accepted that match {@code filter}, and how many match in all. Names in every language are
   * searched; a display starting with a typed word ranks higher when it is the display or a designation in
   * {@code displayLanguage}.
   *
   * @param acceptsAll whether {@code accept} is true for every concept, which makes counting cheaper
   */
  public Matches search(String filter, IntPredicate accept, boolean acceptsAll, int limit,
      @Nullable String displayLanguage) {
    boolean otherLanguage = displayLanguage != null && !displayLanguage.isBlank()
        && !displayLanguage.equalsIgnoreCase(summary.getLanguage());
    TextIndex.Matches matches = text.search(filter, accept, acceptsAll, limit, (concept, name) -> name == 0
        || (otherLanguage && designations[concept][name - 1].inLanguage(displayLanguage)));
    List<Match> hits = new ArrayList<>(matches.hits().size());
    for (TextIndex.Hit hit : matches.hits()) {
      hits.add(new Match(this, hit.concept(), hit.tier()));
    }
    return new Matches(hits, matches.total());
  }

  private static <T> T[] concat(T[] first, T[] second) {
    T[] joined = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, joined, first.length, second.length);
    return joined;
  }

  private static int[] toArray(@Nullable Set<Integer> values) {
    return values == null || values.isEmpty()
        ? NONE : values.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A concept that matched a filter, with the tier it matched in (0 exact code .. 3 any word). */
  public record Match(ConceptIndex index, int concept, int tier) {

    /**
     * Rank order across code systems: tier, then shorter code for code matches, shorter display otherwise, then code.
     */
    public static int compare(Match a, Match b) {
      if (a.tier != b.tier) {
        return Integer.compare(a.tier, b.tier);
      }
      String codeA = TextNormalizer.foldCode(a.index.codes[a.concept]);
      String codeB = TextNormalizer.foldCode(b.index.codes[b.concept]);
      int byLength = a.tier >= TextIndex.FIRST_WORD
          ? Integer.compare(a.index.displays[a.concept].length(), b.index.displays[b.concept].length())
          : Integer.compare(codeA.length(), codeB.length());
      return byLength != 0 ? byLength : codeA.compareTo(codeB);
    }
  }

  /** The best matches, and how many matched in all. */
  public record Matches(List<Match> hits, int total) {}

  /** Flattens the nested concept tree and the parent/child properties into arrays. */
  private static final class Builder {
    private final CodeSystem summary;
    private final boolean caseSensitive;
    private final List<String> codes = new ArrayList<>();
    private final List<String> displays = new ArrayList<>();
    private final List<Designation[]> designations = new ArrayList<>();
    private final List<ConceptProperty[]> properties = new ArrayList<>();
    private final List<Set<Integer>> parents = new ArrayList<>();
    private final List<Set<Integer>> children = new ArrayList<>();
    private final BitSet inactive = new BitSet();
    private final BitSet notSelectable = new BitSet();
    private final Map<String, Integer> ids = new HashMap<>();

    Builder(CodeSystem codeSystem) {
      summary = codeSystem.copy();
      summary.setConcept(null);
      summary.setText(null);
      if (!summary.hasLanguage()) {
        summary.setLanguage("en");
      }
      caseSensitive = codeSystem.getCaseSensitive();
      summary.setCaseSensitive(caseSensitive);
    }

    void add(ConceptDefinitionComponent concept, int parent) {
      String key = key(concept.getCode());
      Integer existing = ids.get(key);
      int id;
      if (existing != null) {
        id = existing;
      } else {
        id = codes.size();
        ids.put(key, id);
        codes.add(concept.getCode());
        displays.add(concept.hasDisplay() ? concept.getDisplay() : concept.getCode());
        designations.add(designationsOf(concept.getDesignation()));
        properties.add(propertiesOf(concept.getProperty()));
        parents.add(null);
        children.add(null);
        for (ConceptPropertyComponent property : concept.getProperty()) {
          boolean flag = property.getValue() instanceof BooleanType b && b.booleanValue();
          if (flag && property.getCode().equals("inactive")) {
            inactive.set(id);
          } else if (flag && property.getCode().equals("notSelectable")) {
            notSelectable.set(id);
          } else if (property.getCode().equals("status")
              && ("retired".equals(property.getValue().primitiveValue())
                  || "deprecated".equalsIgnoreCase(property.getValue().primitiveValue()))) {
            inactive.set(id);
          }
        }
      }
      if (parent >= 0) {
        link(parent, id);
      }
      for (ConceptDefinitionComponent child : concept.getConcept()) {
        add(child, id);
      }
    }

    /** Code systems may state the hierarchy with {@code parent}/{@code child} properties instead of nesting. */
    void linkPropertyHierarchy() {
      for (int id = 0; id < codes.size(); id++) {
        for (ConceptProperty property : properties.get(id)) {
          Integer other = ids.get(key(property.valueAsText()));
          if (other == null) {
            continue;
          }
          if (property.code().equals("parent")) {
            link(other, id);
          } else if (property.code().equals("child")) {
            link(id, other);
          }
        }
      }
    }

    private void link(int parent, int child) {
      if (parents.get(child) == null) {
        parents.set(child, new LinkedHashSet<>(2));
      }
      if (children.get(parent) == null) {
        children.set(parent, new LinkedHashSet<>(4));
      }
      parents.get(child).add(parent);
      children.get(parent).add(child);
    }

    private String key(String code) {
      return caseSensitive ? code : code.toLowerCase(Locale.ROOT);
    }

    private static Designation[] designationsOf(List<ConceptDefinitionDesignationComponent> source) {
      if (source.isEmpty()) {
        return NO_DESIGNATIONS;
      }
      return source.stream()
          .filter(ConceptDefinitionDesignationComponent::hasValue)
          .map(d -> new Designation(d.getLanguage(), d.hasUse() ? d.getUse().copy() : null, d.getValue()))
          .toArray(Designation[]::new);
    }

    private static ConceptProperty[] propertiesOf(List<ConceptPropertyComponent> source) {
      if (source.isEmpty()) {
        return NO_PROPERTIES;
      }
      return source.stream()
          .filter(p -> p.hasCode() && p.hasValue())
          .map(p -> new ConceptProperty(p.getCode(), p.getValue().copy()))
          .toArray(ConceptProperty[]::new);
    }
  }
}
