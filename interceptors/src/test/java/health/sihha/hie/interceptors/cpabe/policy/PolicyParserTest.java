package health.sihha.hie.interceptors.cpabe.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyParserTest {

  private static Set<Attribute> attrs(String... texts) {
    return Set.of(texts).stream().map(Attribute::parse).collect(Collectors.toSet());
  }

  @Test
  void andBindsTighterThanOrAndKeywordsAreCaseInsensitive() {
    Policy policy = Policy.parse("role:nurse OR role:physician And facility:provider-a");
    assertThat(policy.text()).isEqualTo("role:nurse or role:physician and facility:provider-a");
    assertThat(policy.satisfiedBy(attrs("role:nurse"))).isTrue();
    assertThat(policy.satisfiedBy(attrs("role:physician"))).isFalse();
    assertThat(policy.satisfiedBy(attrs("role:physician", "facility:provider-a"))).isTrue();
  }

  @Test
  void parenthesesOverridePrecedenceAndTheCanonicalTextKeepsOnlyThoseNeeded() {
    Policy policy = Policy.parse("((role:nurse or role:physician)) and (facility:provider-a and (label:n))");
    assertThat(policy.text()).isEqualTo("(role:nurse or role:physician) and facility:provider-a and label:n");
    assertThat(policy).isInstanceOf(Policy.And.class);
    assertThat(((Policy.And) policy).children()).hasSize(3);
    assertThat(Policy.parse(policy.text())).isEqualTo(policy);
  }

  @Test
  void thresholdsParseAndDegenerateOnesBecomeAndOrOr() {
    Policy two = Policy.parse("2 Of (role:physician, role:nurse, facility:provider-a)");
    assertThat(two.text()).isEqualTo("2 of (role:physician, role:nurse, facility:provider-a)");
    assertThat(two.satisfiedBy(attrs("role:nurse", "facility:provider-a"))).isTrue();
    assertThat(two.satisfiedBy(attrs("role:nurse"))).isFalse();
    assertThat(Policy.parse("1 of (a:x, b:y)").text()).isEqualTo("a:x or b:y");
    assertThat(Policy.parse("2 of (a:x, b:y)").text()).isEqualTo("a:x and b:y");
    assertThat(Policy.parse("1 of (a:x)").text()).isEqualTo("a:x");
    assertThat(Policy.parse("3 of (a:x or b:y, c:z and d:w, 2 of (e:1, f:2, g:3), h:4)").text())
        .isEqualTo("3 of (a:x or b:y, c:z and d:w, 2 of (e:1, f:2, g:3), h:4)");
  }

  @Test
  void attributeValuesMayHoldDotsDigitsAndDashes() {
    assertThat(Policy.parse("org:provider-a.ward_3 and level:2").text()).isEqualTo("org:provider-a.ward_3 and level:2");
    assertThat(Policy.parse("and:or or of:and").text()).isEqualTo("and:or or of:and");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', value = {
      "''| SIHHA-1401: invalid policy at position 1: expected an attribute name:value, '(' or a threshold"
          + " 'k of (...)' but found the end of the policy",
      "'   '| position 4: expected an attribute name:value",
      "(a:b and c:d| SIHHA-1401: invalid policy at position 13: expected ')' to close the '(' at position 1 but"
          + " found the end of the policy",
      "a:b and c:d)| SIHHA-1401: invalid policy at position 12: expected 'and', 'or' or the end of the policy but"
          + " found ')' (no '(' to close)",
      "((a:b)| position 7: expected ')' to close the '(' at position 1",
      "3 of (a:b, c:d)| SIHHA-1403: invalid policy at position 1: threshold 3 of 2 members can never be met",
      "0 of (a:b, c:d)| SIHHA-1403: invalid policy at position 1: threshold 0 of 2 members is always met",
      "2 of (a:b, c:d, e:f, g:h, i:j, k:l)| SIHHA-1403: invalid policy at position 32: a threshold has at most 5"
          + " members; this is member 6",
      "2 of a:b, c:d| SIHHA-1401: invalid policy at position 6: expected '(' after '2 of' but found 'a'",
      "2 (a:b, c:d)| position 3: expected 'of' after threshold '2' but found '('",
      "2 of (a:b c:d)| position 11: expected ',' or ')' to close the threshold's '(' at position 6 but found 'c'",
      "Role:nurse| SIHHA-1402: invalid policy at position 1: invalid attribute name 'Role'",
      "role:Nurse| (attribute names and values are lower-case)",
      "role:nurse!| SIHHA-1401: invalid policy at position 11: unexpected character '!'",
      "role| SIHHA-1401: invalid policy at position 5: expected ':' after attribute name 'role' but found the end",
      "role: and x:y| position 7: expected the value of attribute 'role:' directly after the ':'",
      "role :x| position 1: expected ':' directly after attribute name 'role'",
      "role:)| position 6: expected the value of attribute 'role:' but found ')'",
      "a:b and or c:d| position 9: expected an attribute name:value, '(' or a threshold 'k of (...)' but found 'or'",
      "a:b and| position 8: expected an attribute name:value",
      "2 of (a:b)| SIHHA-1403: invalid policy at position 1: threshold 2 of 1 member can never be met",
      "a:b or , c:d| position 8: expected an attribute name:value, '(' or a threshold 'k of (...)' but found ','",
      "1role:x| position 1: invalid attribute name '1role'",
  })
  void malformedPoliciesAreRejectedWithThePositionAndWhatWasExpected(String text, String message) {
    assertThatThrownBy(() -> Policy.parse(text)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(message.strip());
  }

  @Test
  void sizeLimitsAreEnforced() {
    String tooMany = IntStream.range(0, PolicyParser.MAX_LEAVES + 1).mapToObj(i -> "a:v" + i)
        .collect(Collectors.joining(" or "));
    assertThatThrownBy(() -> Policy.parse(tooMany)).isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("SIHHA-1404: ").hasMessageContaining("257 attribute occurrences, at most 256");
    String deep = "(".repeat(40) + "a:b" + ")".repeat(40);
    assertThatThrownBy(() -> Policy.parse(deep)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("SIHHA-1404: invalid policy at position 33: nested more than 32 levels deep");
    assertThatThrownBy(() -> Policy.parse("a:" + "b".repeat(5000))).isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("SIHHA-1404: invalid policy: 5002 characters, at most 4096");
  }

  @Test
  void attributesValidateTheirOwnGrammar() {
    assertThat(Attribute.parse("facility:provider-a")).isEqualTo(new Attribute("facility", "provider-a"));
    assertThatThrownBy(() -> Attribute.parse("facility")).hasMessageStartingWith("SIHHA-1402: ");
    assertThatThrownBy(() -> Attribute.parse("facility:")).hasMessageStartingWith("SIHHA-1402: ");
    assertThatThrownBy(() -> Attribute.parse("x".repeat(33) + ":v")).hasMessageStartingWith("SIHHA-1402: ");
    assertThatThrownBy(() -> Attribute.parse("role:a:b")).hasMessageStartingWith("SIHHA-1402: ");
  }
}
