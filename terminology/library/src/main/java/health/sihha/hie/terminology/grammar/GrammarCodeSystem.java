package health.sihha.hie.terminology.grammar;

import java.util.Optional;

/**
 * A code system whose codes are expressions of a grammar (UCUM units), so that any well-formed expression is a
 * valid code even though only some are listed as concepts.
 */
public interface GrammarCodeSystem {

  /** The canonical URL of the code system. */
  String system();

  /** Why {@code expression} is not a valid code; empty when it is valid. */
  Optional<String> invalidReason(String expression);

  /** A human-readable display for a valid expression. */
  String describe(String expression);
}
