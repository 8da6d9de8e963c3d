package health.sihha.hie.terminology.load.ucum;

import health.sihha.hie.terminology.load.TerminologyLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Optional;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

/**
 * The UCUM grammar: UCUM is an infinite code system (any well-formed expression such as {@code mL/min/{1.73_m2}} is
 * a code), so codes are checked by parsing them against the essence definitions rather than by enumeration.
 */
public final class UcumGrammar {

  private static final String BUNDLED = "/ucum-essence.xml";

  private final UcumEssenceService service;

  private UcumGrammar(UcumEssenceService service) {
    this.service = service;
  }

  /** A grammar from an essence XML ({@code ucum-essence.xml}); the stream is read, not closed. */
  public static UcumGrammar of(InputStream essence) {
    try {
      return new UcumGrammar(new UcumEssenceService(essence));
    } catch (UcumException | RuntimeException e) {
      throw new TerminologyLoadException("unreadable UCUM essence XML: " + e.getMessage(), e);
    }
  }

  /**
   * The grammar from the essence XML shipped in the org.fhir:ucum jar (UCUM 1.9 in ucum 1.0.9: older than the 2.1
   * file of the shared data, but the same grammar and nearly the same units).
   */
  public static UcumGrammar bundled() {
    try (InputStream essence = UcumGrammar.class.getResourceAsStream(BUNDLED)) {
      if (essence == null) {
        throw new TerminologyLoadException("no " + BUNDLED + " on the classpath (expected in the org.fhir:ucum jar)");
      }
      return of(essence);
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot read the bundled UCUM essence: " + e.getMessage(), e);
    }
  }

  /** Empty when the expression is valid UCUM, else why it is not. */
  public Optional<String> validate(String expression) {
    if (expression.isBlank()) {
      return Optional.of("empty unit expression");
    }
    Optional<String> operator = misplacedOperator(expression);
    return operator.isPresent() ? operator : Optional.ofNullable(service.validate(expression));
  }

  /**
   * UCUM requires a unit after every {@code .} or {@code /} (only a leading {@code /} has no unit before it); the
   * essence service 1.0.9 lets an empty term through ({@code mg//dL}), so this is checked first, outside annotations
   * and bracketed atoms.
   */
  private static Optional<String> misplacedOperator(String expression) {
    boolean previousIsOperator = true;
    char closing = 0;
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (closing != 0) {
        closing = c == closing ? 0 : closing;
        previousIsOperator = false;
      } else if (c == '{' || c == '[') {
        closing = c == '{' ? '}' : ']';
        previousIsOperator = false;
      } else if (c == '.' || c == '/') {
        if (previousIsOperator && !(i == 0 && c == '/')) {
          return Optional.of("a unit is missing before '" + c + "' at position " + (i + 1));
        }
        previousIsOperator = true;
      } else {
        previousIsOperator = false;
      }
    }
    return previousIsOperator
        ? Optional.of("the expression ends with an operator instead of a unit")
        : Optional.empty();
  }

  /** A human-readable reading of a valid expression, e.g. "(milligram) / (deciliter)" for mg/dL. */
  public String describe(String expression) {
    try {
      return service.analyse(expression);
    } catch (UcumException e) {
      throw new IllegalArgumentException("not a valid UCUM expression: " + expression + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code value} in {@code from} units expressed in {@code to} units; empty when either is not valid UCUM or the two
   * measure different things ({@code mg/dL} and {@code mmol/L} need a molar mass).
   */
  public Optional<BigDecimal> convert(BigDecimal value, String from, String to) {
    if (validate(from).isPresent() || validate(to).isPresent()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new BigDecimal(service.convert(new Decimal(value.toPlainString()), from, to).asDecimal()));
    } catch (UcumException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The UCUM version of the essence. */
  public String version() {
    return service.ucumIdentification().getVersion();
  }
}
