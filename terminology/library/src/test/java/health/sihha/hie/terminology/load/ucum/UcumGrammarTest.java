package health.sihha.hie.terminology.load.ucum;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.terminology.load.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UcumGrammarTest {

  private static final UcumGrammar BUNDLED = UcumGrammar.bundled();

  @ParameterizedTest
  @ValueSource(strings = {"mg/dL", "kg/m2", "mm[Hg]", "/min", "{score}", "10*3/uL", "mL/min/{1.73_m2}", "%",
      "[lb_av]", "Cel"})
  void acceptsWellFormedExpressions(String expression) {
    assertThat(BUNDLED.validate(expression)).isEmpty();
    assertThat(BUNDLED.describe(expression)).isNotBlank();
  }

  @ParameterizedTest
  @ValueSource(strings = {"mg//dL", "foo", "m g", "", "mg/", ".m", "kg./m2"})
  void rejectsBadExpressions(String expression) {
    assertThat(BUNDLED.validate(expression)).isPresent();
  }

  @Test
  void convertsBetweenUnitsOfTheSameKind() {
    assertThat(BUNDLED.convert(new BigDecimal("100"), "mg/dL", "g/L")).hasValueSatisfying(
        v -> assertThat(v).isEqualByComparingTo("1"));
    assertThat(BUNDLED.convert(new BigDecimal("2.5"), "kg", "g")).hasValueSatisfying(
        v -> assertThat(v).isEqualByComparingTo("2500"));
    assertThat(BUNDLED.convert(BigDecimal.ONE, "mg/dL", "mmol/L")).isEmpty();
    assertThat(BUNDLED.convert(BigDecimal.ONE, "mg//dL", "g/L")).isEmpty();
  }

  @Test
  void isBuiltFromTheSharedEssence() throws IOException {
    try (InputStream in = Files.newInputStream(SharedData.file("ucum/ucum-essence.xml"))) {
      UcumGrammar grammar = UcumGrammar.of(in);

      assertThat(grammar.version()).isEqualTo("2.1");
      assertThat(grammar.validate("mL/min/{1.73_m2}")).isEmpty();
      assertThat(grammar.validate("mg//dL")).isPresent();
      assertThat(grammar.describe("mg/dL")).contains("milligram");
    }
    assertThat(BUNDLED.version()).isEqualTo("1.9");
  }
}
