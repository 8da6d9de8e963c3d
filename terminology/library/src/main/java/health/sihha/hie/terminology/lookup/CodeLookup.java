package health.sihha.hie.terminology.lookup;

import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.terminology.grammar.GrammarCodeSystem;
import health.sihha.hie.terminology.grammar.GrammarCodeSystems;
import health.sihha.hie.terminology.index.ConceptIndex;
import health.sihha.hie.terminology.index.ConceptProperty;
import health.sihha.hie.terminology.index.Designation;
import health.sihha.hie.terminology.registry.TerminologySnapshot;
import jakarta.annotation.Nullable;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/** {@code $lookup}: a concept's display, designations and properties, including its parents and children. */
public final class CodeLookup {

  private final GrammarCodeSystems grammars;

  public CodeLookup(GrammarCodeSystems grammars) {
    this.grammars = grammars;
  }

  /**
   * @param properties the properties asked for; empty for all of them
   */
  public Parameters lookup(TerminologySnapshot snapshot, String system, @Nullable String version, String code,
      @Nullable String displayLanguage, List<String> properties, @Nullable Date date) {
    ConceptIndex index = CodeSystems.require(snapshot, system, version, date);
    Optional<Integer> found = index.find(code);
    Parameters result = new Parameters();
    result.addParameter("name", index.summary().hasName() ? index.summary().getName() : index.system());
    if (index.version() != null) {
      result.addParameter("version", index.version());
    }
    if (found.isEmpty()) {
      return grammarLookup(index, code, result);
    }
    int concept = found.get();
    result.addParameter("display", index.display(concept, displayLanguage));
    if (wanted(properties, "designation")) {
      for (Designation designation : index.designations(concept)) {
        ParametersParameterComponent part = result.addParameter().setName("designation");
        if (designation.language() != null) {
          part.addPart().setName("language").setValue(new CodeType(designation.language()));
        }
        if (designation.use() != null) {
          part.addPart().setName("use").setValue(designation.use());
        }
        part.addPart().setName("value").setValue(new StringType(designation.value()));
      }
    }
    if (wanted(properties, "inactive")) {
      property(result, "inactive", new BooleanType(index.isInactive(concept)));
    }
    if (wanted(properties, "parent")) {
      for (int parent : index.parents(concept)) {
        property(result, "parent", new CodeType(index.code(parent)));
      }
    }
    if (wanted(properties, "child")) {
      for (int child : index.children(concept)) {
        property(result, "child", new CodeType(index.code(child)));
      }
    }
    for (ConceptProperty property : index.properties(concept)) {
      if (wanted(properties, property.code()) && !property.code().equals("inactive")) {
        property(result, property.code(), property.value().copy());
      }
    }
    return result;
  }

  private Parameters grammarLookup(ConceptIndex index, String code, Parameters result) {
    GrammarCodeSystem grammar = grammars.forSystem(index.system())
        .filter(g -> g.invalidReason(code).isEmpty())
        .orElseThrow(() -> new ResourceNotFoundException(Codes.of(1331) + "code " + code + " is not in "
            + index.system() + (index.version() == null ? "" : "|" + index.version())
            + (index.isFragment() ? " (only part of that code system is held here)" : "")));
    result.addParameter("display", grammar.describe(code));
    return result;
  }

  private static boolean wanted(List<String> properties, String property) {
    return properties.isEmpty() || properties.contains(property);
  }

  private static void property(Parameters result, String code, Type value) {
    ParametersParameterComponent property = result.addParameter().setName("property");
    property.addPart().setName("code").setValue(new CodeType(code));
    property.addPart().setName("value").setValue(value);
  }
}
