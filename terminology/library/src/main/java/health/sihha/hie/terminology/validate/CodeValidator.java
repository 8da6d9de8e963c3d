package health.sihha.hie.terminology.validate;

import health.sihha.hie.terminology.expand.CompiledValueSet;
import health.sihha.hie.terminology.expand.CompiledValueSet.Part;
import health.sihha.hie.terminology.grammar.GrammarCodeSystem;
import health.sihha.hie.terminology.grammar.GrammarCodeSystems;
import health.sihha.hie.terminology.index.ConceptIndex;
import health.sihha.hie.terminology.index.Designation;
import jakarta.annotation.Nullable;
import java.util.Optional;

/**
 * {@code $validate-code} against a code system or a value set. A code unknown to a code system held only in part
 * (content {@code fragment}) is a warning, not an error; a grammar-based code system accepts every well-formed
 * expression; a display that matches neither the display nor a designation is a warning.
 */
public final class CodeValidator {

  private final GrammarCodeSystems grammars;

  public CodeValidator(GrammarCodeSystems grammars) {
    this.grammars = grammars;
  }

  public CodeValidation inCodeSystem(ConceptIndex index, String code, @Nullable String display) {
    Optional<Integer> concept = index.find(code);
    if (concept.isPresent()) {
      return checked(index, concept.get(), display);
    }
    Optional<GrammarCodeSystem> grammar = grammars.forSystem(index.system());
    if (grammar.isPresent()) {
      Optional<String> reason = grammar.get().invalidReason(code);
      return reason.isEmpty()
          ? CodeValidation.ok(grammar.get().describe(code))
          : CodeValidation.error("'" + code + "' is not a valid " + index.system() + " expression: " + reason.get());
    }
    String where = index.system() + (index.version() == null ? "" : "|" + index.version());
    if (index.isFragment()) {
      return CodeValidation.warning(false, null, "code '" + code + "' is not among the " + index.size()
          + " concepts of " + where + " held here; that code system is only held in part, so it may still be valid");
    }
    return CodeValidation.error("code '" + code + "' is not in " + where);
  }

  /**
   * @param system the code's system; when null, the code is looked for in every code system the value set uses
   */
  public CodeValidation inValueSet(CompiledValueSet valueSet, String valueSetUrl, @Nullable String system,
      @Nullable String version, String code, @Nullable String display) {
    CodeValidation fragmentWarning = null;
    boolean systemUsed = false;
    for (Part part : valueSet.parts()) {
      ConceptIndex index = part.index();
      if ((system != null && !index.system().equals(system))
          || (version != null && index.version() != null && !version.equals(index.version()))) {
        continue;
      }
      systemUsed = true;
      Optional<Integer> concept = index.find(code);
      if (concept.isPresent() && part.contains(concept.get())) {
        return checked(index, concept.get(), display);
      }
      if (concept.isEmpty() && part.members() == null && !part.external()) {
        CodeValidation inSystem = inCodeSystem(index, code, display);
        if (inSystem.valid()) {
          return inSystem;
        }
        if (inSystem.severity() == CodeValidation.Severity.WARNING) {
          fragmentWarning = inSystem;
        }
      }
    }
    if (fragmentWarning != null) {
      return fragmentWarning;
    }
    if (system != null && !systemUsed) {
      return CodeValidation.error("value set " + valueSetUrl + " has no codes from " + system
          + (version == null ? "" : "|" + version));
    }
    return CodeValidation.error("code '" + code + "'" + (system == null ? "" : " of " + system)
        + " is not in value set " + valueSetUrl);
  }

  private static CodeValidation checked(ConceptIndex index, int concept, @Nullable String display) {
    String preferred = index.display(concept);
    if (display != null && !display.isBlank() && !isDisplayOf(index, concept, display)) {
      return CodeValidation.warning(true, preferred, "display '" + display + "' is not a display of "
          + index.system() + "#" + index.code(concept) + "; expected '" + preferred + "'");
    }
    if (index.isInactive(concept)) {
      return CodeValidation.warning(true, preferred, "code '" + index.code(concept) + "' is inactive in "
          + index.system());
    }
    return CodeValidation.ok(preferred);
  }

  private static boolean isDisplayOf(ConceptIndex index, int concept, String display) {
    if (display.equalsIgnoreCase(index.display(concept))) {
      return true;
    }
    for (Designation designation : index.designations(concept)) {
      if (display.equalsIgnoreCase(designation.value())) {
        return true;
      }
    }
    return false;
  }
}
