package health.sihha.hie.terminology.translate;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.terminology.registry.TerminologySnapshot;
import health.sihha.hie.terminology.translate.ConceptMapIndex.Mapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;

/** {@code $translate}: a code's mappings in one concept map, or in every map from its system, either direction. */
public final class ConceptTranslator {

  public Parameters translate(TerminologySnapshot snapshot, TranslateRequest request) {
    Collection<ConceptMapIndex> maps;
    if (request.conceptMap() != null) {
      maps = List.of(snapshot.conceptMap(request.conceptMap(), request.conceptMapVersion())
          .orElseThrow(() -> new ResourceNotFoundException(Codes.of(1350) + "ConceptMap " + request.conceptMap()
              + " is not known here")));
    } else {
      maps = snapshot.conceptMaps();
    }
    List<Match> matches = new ArrayList<>();
    for (ConceptMapIndex map : maps) {
      if (!scopeMatches(map, request)) {
        continue;
      }
      List<Mapping> mappings = request.reverse()
          ? map.to(request.system(), request.code()) : map.from(request.system(), request.code());
      for (Mapping mapping : mappings) {
        Coding concept = request.reverse()
            ? new Coding(mapping.sourceSystem(), mapping.sourceCode(), mapping.sourceDisplay())
                .setVersion(mapping.sourceVersion())
            : new Coding(mapping.targetSystem(), mapping.targetCode(), mapping.targetDisplay())
                .setVersion(mapping.targetVersion());
        if (request.targetSystem() == null || request.targetSystem().equals(concept.getSystem())) {
          matches.add(new Match(mapping.equivalence(), concept, map.url()));
        }
      }
    }
    return toParameters(request, matches);
  }

  private static boolean scopeMatches(ConceptMapIndex map, TranslateRequest request) {
    String mapSource = map.summary().hasSource() ? map.summary().getSource().primitiveValue() : null;
    String mapTarget = map.summary().hasTarget() ? map.summary().getTarget().primitiveValue() : null;
    String wantedSource = request.reverse() ? request.target() : request.source();
    String wantedTarget = request.reverse() ? request.source() : request.target();
    return (wantedSource == null || wantedSource.equals(request.reverse() ? mapTarget : mapSource))
        && (wantedTarget == null || wantedTarget.equals(request.reverse() ? mapSource : mapTarget));
  }

  private static Parameters toParameters(TranslateRequest request, List<Match> matches) {
    boolean found = matches.stream().anyMatch(m -> m.equivalence() != ConceptMapEquivalence.UNMATCHED
        && m.equivalence() != ConceptMapEquivalence.DISJOINT);
    Parameters parameters = new Parameters();
    parameters.addParameter().setName("result").setValue(new BooleanType(found));
    if (!found) {
      parameters.addParameter().setName("message").setValue(new StringType("no mapping found for "
          + (request.system() == null ? "" : request.system() + "|") + request.code()));
    }
    for (Match match : matches) {
      ParametersParameterComponent part = parameters.addParameter().setName("match");
      part.addPart().setName("equivalence").setValue(new CodeType(match.equivalence().toCode()));
      part.addPart().setName("concept").setValue(match.concept());
      part.addPart().setName("source").setValue(new UriType(match.source()));
    }
    return parameters;
  }

  private record Match(ConceptMapEquivalence equivalence, Coding concept, String source) {}
}
