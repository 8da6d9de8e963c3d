package health.sihha.hie.terminology.replica;

import health.sihha.hie.terminology.Terminology;
import health.sihha.hie.terminology.grammar.GrammarCodeSystem;
import health.sihha.hie.terminology.grammar.GrammarCodeSystems;
import health.sihha.hie.terminology.index.ConceptIndex;
import health.sihha.hie.terminology.registry.TerminologySnapshot;
import health.sihha.hie.terminology.validate.CodeValidation;
import health.sihha.hie.terminology.validate.CodeValidation.Severity;
import jakarta.annotation.Nullable;
import java.util.Optional;

/**
 * Whether a code is valid in the code systems a replica holds: the one check that both the validation support and
 * the write interceptor make. A code system is looked up once per snapshot, so a check is a couple of hash lookups.
 */
final class HeldCodes {

  private final Terminology terminology;
  private final GrammarCodeSystems grammars;

  HeldCodes(Terminology terminology, GrammarCodeSystems grammars) {
    this.terminology = terminology;
    this.grammars = grammars;
  }

  TerminologySnapshot snapshot() {
    return terminology.registry().snapshot();
  }

  Terminology terminology() {
    return terminology;
  }

  /** The held code system version for {@code system} (the newest without a version), if any. */
  Optional<ConceptIndex> codeSystem(TerminologySnapshot snapshot, String system, @Nullable String version) {
    if (version != null) {
      return snapshot.codeSystem(system, version);
    }
    return snapshot.derive(new NewestVersion(system), key -> snapshot.codeSystem(key.system(), null));
  }

  boolean knows(String system) {
    return codeSystem(snapshot(), system, null).isPresent() || grammars.forSystem(system).isPresent();
  }

  /**
   * The verdict on {@code code}, or empty when neither a held code system nor a grammar covers {@code system}
   * (SNOMED CT, say, when it is not replicated): then nothing can be said here.
   */
  Optional<CodeValidation> check(TerminologySnapshot snapshot, String system, @Nullable String version, String code,
      @Nullable String display) {
    Optional<ConceptIndex> index = codeSystem(snapshot, system, version);
    if (index.isPresent()) {
      return Optional.of(terminology.validator().inCodeSystem(index.get(), code, display));
    }
    Optional<GrammarCodeSystem> grammar = grammars.forSystem(system);
    if (grammar.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> reason = grammar.get().invalidReason(code);
    return Optional.of(reason.isEmpty()
        ? new CodeValidation(true, Severity.NONE, grammar.get().describe(code), null)
        : new CodeValidation(false, Severity.ERROR, null,
            "'" + code + "' is not a valid " + system + " expression: " + reason.get()));
  }

  /** Grammar-based systems a code may be described by when the replica holds none of its concepts. */
  Optional<GrammarCodeSystem> grammar(String system) {
    return grammars.forSystem(system);
  }

  private record NewestVersion(String system) {}
}
