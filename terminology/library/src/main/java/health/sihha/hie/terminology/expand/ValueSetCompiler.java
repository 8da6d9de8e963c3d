package health.sihha.hie.terminology.expand;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.terminology.expand.CompiledValueSet.Part;
import health.sihha.hie.terminology.index.ConceptIndex;
import health.sihha.hie.terminology.index.ConceptProperty;
import health.sihha.hie.terminology.registry.TerminologySnapshot;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptReferenceComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetFilterComponent;

/**
 * Reduces a value set's {@code compose} to member concepts: includes by concept list, by filter ({@code is-a},
 * {@code descendent-of}, {@code is-not-a}, {@code generalizes}, {@code =}, {@code in}, {@code not-in},
 * {@code regex}, {@code exists}) and by whole code system, imported value sets, and excludes.
 */
final class ValueSetCompiler {

  private static final int MAX_IMPORT_DEPTH = 8;

  private final TerminologySnapshot snapshot;
  @Nullable private final Date asOf;
  private final int depth;

  ValueSetCompiler(TerminologySnapshot snapshot, @Nullable Date asOf) {
    this(snapshot, asOf, 0);
  }

  private ValueSetCompiler(TerminologySnapshot snapshot, @Nullable Date asOf, int depth) {
    this.snapshot = snapshot;
    this.asOf = asOf;
    this.depth = depth;
  }

  CompiledValueSet compile(ValueSet valueSet) {
    if (!valueSet.hasCompose()) {
      throw new UnprocessableEntityException(Codes.of(1320) + "ValueSet " + valueSet.getUrl()
          + " has no compose, so it cannot be expanded here");
    }
    Map<ConceptIndex, BitSet> members = new LinkedHashMap<>();
    Set<ConceptIndex> external = Collections.newSetFromMap(new IdentityHashMap<>());
    for (ConceptSetComponent include : valueSet.getCompose().getInclude()) {
      select(include, external).forEach((index, bits) -> members.put(index,
          members.containsKey(index) ? union(members.get(index), bits) : bits));
    }
    for (ConceptSetComponent exclude : valueSet.getCompose().getExclude()) {
      select(exclude, external).forEach((index, bits) -> {
        if (members.containsKey(index)) {
          BitSet kept = materialize(index, members.get(index));
          kept.andNot(materialize(index, bits));
          members.put(index, kept);
        }
      });
    }
    List<Part> parts = new ArrayList<>();
    members.forEach((index, bits) -> parts.add(new Part(index, bits, external.contains(index))));
    return new CompiledValueSet(parts);
  }

  /** The concepts one include or exclude selects, per code system version; a null set means all of them. */
  private Map<ConceptIndex, BitSet> select(ConceptSetComponent set, Set<ConceptIndex> external) {
    Map<ConceptIndex, BitSet> selected = new LinkedHashMap<>();
    if (set.hasSystem()) {
      ConceptIndex index = snapshot.codeSystem(set.getSystem(), set.hasVersion() ? set.getVersion() : null, asOf)
          .orElse(null);
      if (index == null) {
        if (!set.hasConcept()) {
          throw new UnprocessableEntityException(Codes.of(1321) + "code system " + set.getSystem()
              + (set.hasVersion() ? "|" + set.getVersion() : "") + " is not available here, and the value set"
              + " selects from it by filter or whole; load it first");
        }
        index = listedOnly(set);
        external.add(index);
      }
      BitSet bits = null;
      if (set.hasConcept()) {
        bits = new BitSet(index.size());
        for (ConceptReferenceComponent concept : set.getConcept()) {
          index.find(concept.getCode()).ifPresent(bits::set);
        }
      }
      for (ConceptSetFilterComponent filter : set.getFilter()) {
        bits = intersect(index, bits, filter(index, filter));
      }
      selected.put(index, bits);
    }
    if (set.hasValueSet()) {
      Map<ConceptIndex, BitSet> imported = null;
      for (CanonicalType canonical : set.getValueSet()) {
        Map<ConceptIndex, BitSet> next = membersOf(canonical.getValue());
        imported = imported == null ? next : intersect(imported, next);
      }
      selected = set.hasSystem() ? intersect(selected, imported) : imported;
    }
    return selected;
  }

  private Map<ConceptIndex, BitSet> membersOf(String canonical) {
    if (depth >= MAX_IMPORT_DEPTH) {
      throw new UnprocessableEntityException(Codes.of(1322) + "value set imports nest deeper than "
          + MAX_IMPORT_DEPTH + " (a cycle?) at " + canonical);
    }
    ValueSet imported = ImplicitValueSets.resolve(snapshot, canonical, asOf)
        .orElseThrow(() -> new ResourceNotFoundException(Codes.of(1323) + "imported value set " + canonical
            + " is not known here"));
    Map<ConceptIndex, BitSet> members = new LinkedHashMap<>();
    for (Part part : new ValueSetCompiler(snapshot, asOf, depth + 1).compile(imported).parts()) {
      members.put(part.index(), part.members());
    }
    return members;
  }

  private BitSet filter(ConceptIndex index, ConceptSetFilterComponent filter) {
    String property = filter.getProperty();
    String value = filter.getValue();
    return switch (filter.getOp()) {
      case ISA -> index.descendants(concept(index, value), true);
      case DESCENDENTOF -> index.descendants(concept(index, value), false);
      case ISNOTA -> {
        BitSet all = all(index);
        all.andNot(index.descendants(concept(index, value), true));
        yield all;
      }
      case GENERALIZES -> index.ancestors(concept(index, value), true);
      case EQUAL -> matching(index, c -> hasValue(index, c, property, Set.of(value)));
      case IN -> matching(index, c -> hasValue(index, c, property, valueList(value)));
      case NOTIN -> matching(index, c -> !hasValue(index, c, property, valueList(value)));
      case REGEX -> {
        Pattern pattern = regex(value);
        yield matching(index, c -> valuesOf(index, c, property).stream().anyMatch(v -> pattern.matcher(v).matches()));
      }
      case EXISTS -> {
        boolean wanted = Boolean.parseBoolean(value);
        yield matching(index, c -> !valuesOf(index, c, property).isEmpty() == wanted);
      }
      default -> throw new UnprocessableEntityException(Codes.of(1324) + "filter operator "
          + filter.getOp().toCode() + " is not supported; use is-a, descendent-of, is-not-a, generalizes, =, in,"
          + " not-in, regex or exists");
    };
  }

  private static int concept(ConceptIndex index, String code) {
    return index.find(code).orElseThrow(() -> new UnprocessableEntityException(Codes.of(1325) + "filter names code "
        + code + ", which " + index.system() + (index.version() == null ? "" : "|" + index.version())
        + " does not have"));
  }

  private static boolean hasValue(ConceptIndex index, int concept, String property, Set<String> values) {
    for (String actual : valuesOf(index, concept, property)) {
      if (values.contains(actual)) {
        return true;
      }
    }
    return false;
  }

  /** The values a filter property takes for a concept: code and display are properties too. */
  private static List<String> valuesOf(ConceptIndex index, int concept, String property) {
    switch (property) {
      case "code", "concept" -> {
        return List.of(index.code(concept));
      }
      case "display" -> {
        return List.of(index.display(concept));
      }
      case "inactive" -> {
        return List.of(Boolean.toString(index.isInactive(concept)));
      }
      case "parent" -> {
        return Arrays.stream(index.parents(concept)).mapToObj(index::code).toList();
      }
      case "child" -> {
        return Arrays.stream(index.children(concept)).mapToObj(index::code).toList();
      }
      default -> {
        List<String> values = new ArrayList<>(1);
        for (ConceptProperty p : index.properties(concept)) {
          if (p.code().equals(property)) {
            values.add(p.valueAsText());
          }
        }
        return values;
      }
    }
  }

  private static Set<String> valueList(String value) {
    Set<String> values = new HashSet<>();
    for (String part : value.split(",")) {
      values.add(part.trim());
    }
    return values;
  }

  private static Pattern regex(String value) {
    try {
      return Pattern.compile(value);
    } catch (PatternSyntaxException e) {
      throw new UnprocessableEntityException(Codes.of(1326) + "not a valid regex filter: " + e.getDescription());
    }
  }

  private static BitSet matching(ConceptIndex index, IntPredicate test) {
    BitSet bits = new BitSet(index.size());
    for (int c = 0; c < index.size(); c++) {
      if (test.test(c)) {
        bits.set(c);
      }
    }
    return bits;
  }

  private static BitSet all(ConceptIndex index) {
    BitSet bits = new BitSet(index.size());
    bits.set(0, index.size());
    return bits;
  }

  private static BitSet materialize(ConceptIndex index, @Nullable BitSet bits) {
    return bits == null ? all(index) : (BitSet) bits.clone();
  }

  @Nullable
  private static BitSet union(@Nullable BitSet a, @Nullable BitSet b) {
    if (a == null || b == null) {
      return null;
    }
    BitSet joined = (BitSet) a.clone();
    joined.or(b);
    return joined;
  }

  @Nullable
  private static BitSet intersect(ConceptIndex index, @Nullable BitSet a, @Nullable BitSet b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    BitSet both = materialize(index, a);
    both.and(b);
    return both;
  }

  private static Map<ConceptIndex, BitSet> intersect(Map<ConceptIndex, BitSet> a, Map<ConceptIndex, BitSet> b) {
    Map<ConceptIndex, BitSet> both = new LinkedHashMap<>();
    a.forEach((index, bits) -> {
      if (b.containsKey(index)) {
        both.put(index, intersect(index, bits, b.get(index)));
      }
    });
    return both;
  }

  /** A code system not held here: index the concepts the value set lists, with the displays it gives. */
  private static ConceptIndex listedOnly(ConceptSetComponent set) {
    CodeSystem listed = new CodeSystem();
    listed.setUrl(set.getSystem());
    if (set.hasVersion()) {
      listed.setVersion(set.getVersion());
    }
    listed.setContent(CodeSystemContentMode.FRAGMENT);
    listed.setCaseSensitive(true);
    for (ConceptReferenceComponent concept : set.getConcept()) {
      CodeSystem.ConceptDefinitionComponent definition = listed.addConcept().setCode(concept.getCode())
          .setDisplay(concept.getDisplay());
      concept.getDesignation().forEach(d -> definition.addDesignation().setLanguage(d.getLanguage())
          .setUse(d.getUse()).setValue(d.getValue()));
    }
    return ConceptIndex.of(listed, List.of());
  }
}
