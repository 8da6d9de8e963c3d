package health.sihha.hie.terminology.expand;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.terminology.expand.CompiledValueSet.Part;
import health.sihha.hie.terminology.index.ConceptIndex;
import health.sihha.hie.terminology.index.ConceptIndex.Match;
import health.sihha.hie.terminology.index.Designation;
import health.sihha.hie.terminology.registry.TerminologySnapshot;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionComponent;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;

/**
 * {@code $expand}: the members of a value set, or with {@code filter} the autocomplete matches ranked exact code,
 * code prefix, display starting with a typed word, other displays, shorter displays first.
 */
public final class ValueSetExpander {

  private final ExpansionLimits limits;

  public ValueSetExpander(ExpansionLimits limits) {
    this.limits = limits;
  }

  /** Compiles (once per snapshot for stored value sets) and expands {@code valueSet}. */
  public ValueSet expand(TerminologySnapshot snapshot, ValueSet valueSet, ExpansionRequest request) {
    checkPaging(request);
    CompiledValueSet compiled = compile(snapshot, valueSet, request.date());
    int page = request.count() == null ? limits.maxExpansionSize() : request.count();
    List<Member> members = new ArrayList<>();
    int total;
    if (request.hasFilter()) {
      total = filtered(compiled, request, request.offset() + page, members);
    } else {
      total = unfiltered(compiled, request, page, members);
    }
    if (request.count() == null && total > limits.maxExpansionSize()) {
      throw new InvalidRequestException(Codes.of(1312) + "the expansion of " + valueSet.getUrl() + " has " + total
          + " concepts, more than the " + limits.maxExpansionSize() + " returned at once; narrow it with 'filter',"
          + " or page through it with 'count' (at most " + limits.maxCount() + ") and 'offset'");
    }
    return toExpansion(valueSet, compiled, request, members, total);
  }

  /** The compiled form of a value set; stored and implicit value sets are compiled once per snapshot. */
  public static CompiledValueSet compile(TerminologySnapshot snapshot, ValueSet valueSet, Date asOf) {
    if (asOf == null && snapshot.holds(valueSet)) {
      return snapshot.derive(new CompileKey(valueSet), key -> new ValueSetCompiler(snapshot, null).compile(valueSet));
    }
    return new ValueSetCompiler(snapshot, asOf).compile(valueSet);
  }

  private void checkPaging(ExpansionRequest request) {
    if (request.count() != null && (request.count() < 0 || request.count() > limits.maxCount())) {
      throw new InvalidRequestException(Codes.of(1310) + "count must be between 0 and " + limits.maxCount()
          + " (was " + request.count() + "); page with 'offset' for more");
    }
    if (request.offset() < 0) {
      throw new InvalidRequestException(Codes.of(1311) + "offset must be 0 or more (was " + request.offset() + ")");
    }
  }

  private static int filtered(CompiledValueSet compiled, ExpansionRequest request, int limit, List<Member> page) {
    List<Match> merged = new ArrayList<>();
    int total = 0;
    for (Part part : compiled.parts()) {
      ConceptIndex.Matches matches = part.index().search(request.filter(),
          c -> part.contains(c) && (!request.activeOnly() || !part.index().isInactive(c)),
          part.members() == null && !request.activeOnly(), limit,
          request.displayLanguage());
      merged.addAll(matches.hits());
      total += matches.total();
    }
    if (compiled.parts().size() > 1) {
      merged.sort(Match::compare);
    }
    for (int i = request.offset(); i < Math.min(limit, merged.size()); i++) {
      page.add(new Member(merged.get(i).index(), merged.get(i).concept()));
    }
    return total;
  }

  private static int unfiltered(CompiledValueSet compiled, ExpansionRequest request, int count, List<Member> page) {
    int total = 0;
    for (Part part : compiled.parts()) {
      for (int c = part.next(0); c >= 0; c = part.next(c + 1)) {
        if (request.activeOnly() && part.index().isInactive(c)) {
          continue;
        }
        if (total >= request.offset() && page.size() < count) {
          page.add(new Member(part.index(), c));
        }
        total++;
      }
    }
    return total;
  }

  private static ValueSet toExpansion(ValueSet source, CompiledValueSet compiled, ExpansionRequest request,
      List<Member> members, int total) {
    ValueSet result = new ValueSet();
    if (source.getIdElement().hasIdPart()) {
      result.setId(source.getIdElement().getIdPart());
    }
    result.setUrl(source.getUrl());
    result.setVersion(source.getVersion());
    result.setName(source.getName());
    result.setTitle(source.getTitle());
    result.setStatus(source.getStatus());
    ValueSetExpansionComponent expansion = result.getExpansion();
    expansion.setIdentifier("urn:uuid:" + UUID.randomUUID());
    expansion.setTimestamp(new Date());
    expansion.setTotal(total);
    expansion.setOffset(request.offset());
    if (request.hasFilter()) {
      expansion.addParameter().setName("filter").setValue(new StringType(request.filter()));
    }
    if (request.count() != null) {
      expansion.addParameter().setName("count").setValue(new IntegerType(request.count()));
    }
    expansion.addParameter().setName("offset").setValue(new IntegerType(request.offset()));
    if (request.activeOnly()) {
      expansion.addParameter().setName("activeOnly").setValue(new BooleanType(true));
    }
    if (request.displayLanguage() != null) {
      expansion.addParameter().setName("displayLanguage").setValue(new CodeType(request.displayLanguage()));
    }
    Set<String> used = new LinkedHashSet<>();
    for (Part part : compiled.parts()) {
      if (!part.external()) {
        used.add(part.index().system() + (part.index().version() == null ? "" : "|" + part.index().version()));
      }
    }
    used.forEach(u -> expansion.addParameter().setName("used-codesystem").setValue(new UriType(u)));
    for (Member member : members) {
      expansion.addContains(contains(member, request));
    }
    return result;
  }

  private static ValueSetExpansionContainsComponent contains(Member member, ExpansionRequest request) {
    ConceptIndex index = member.index();
    int c = member.concept();
    ValueSetExpansionContainsComponent contains = new ValueSetExpansionContainsComponent()
        .setSystem(index.system())
        .setCode(index.code(c))
        .setDisplay(index.display(c, request.displayLanguage()));
    if (index.version() != null) {
      contains.setVersion(index.version());
    }
    if (index.isNotSelectable(c)) {
      contains.setAbstract(true);
    }
    if (index.isInactive(c)) {
      contains.setInactive(true);
    }
    if (request.includeDesignations()) {
      for (Designation designation : index.designations(c)) {
        contains.addDesignation().setLanguage(designation.language()).setUse(designation.use())
            .setValue(designation.value());
      }
    }
    return contains;
  }

  private record Member(ConceptIndex index, int concept) {}

  /** Cache key for a stored value set's compiled form: the resource instance of the snapshot. */
  private record CompileKey(ValueSet valueSet) {
    @Override
    public boolean equals(Object other) {
      return other instanceof CompileKey key && key.valueSet == valueSet;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(valueSet);
    }
  }
}
