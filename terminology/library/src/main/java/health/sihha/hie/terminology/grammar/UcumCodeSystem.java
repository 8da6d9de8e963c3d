package health.sihha.hie.terminology.grammar;

import health.sihha.hie.terminology.load.ucum.UcumGrammar;
import java.util.Optional;

/** UCUM as a grammar-based code system: every well-formed unit expression is a valid code. */
public final class UcumCodeSystem implements GrammarCodeSystem {

  public static final String SYSTEM = "http://unitsofmeasure.org";

  private final UcumGrammar grammar;

  public UcumCodeSystem(UcumGrammar grammar) {
    this.grammar = grammar;
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public Optional<String> invalidReason(String expression) {
    return grammar.validate(expression);
  }

  @Override
  public String describe(String expression) {
    return grammar.describe(expression);
  }
}
