package health.sihha.hie.interceptors.ledger.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void sortsMembersByUtf16CodeUnitsAsRfc8785Section323() {
    // RFC 8785 section 3.2.3, "Sorting of Object Properties"
    String input = "{\n  \"\\u20ac\": \"Euro Sign\",\n  \"\\r\": \"Carriage Return\",\n"
        + "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n  \"1\": \"One\",\n"
        + "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n  \"\\u0080\": \"Control\",\n"
        + "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n}";
    assertThat(CanonicalJson.canonicalize(input)).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\","
        + "\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
  }

  @Test
  void escapesStringsAsRfc8785Section3222() {
    // RFC 8785 section 3.2.2.2, the example of string escaping
    String input = "{\"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\"}";
    assertThat(CanonicalJson.canonicalize(input)).isEqualTo("{\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
    assertThat(CanonicalJson.canonicalize("[\"\\b\\t\\f\\r\\u001f\\u007f\\u2028\"]"))
        .isEqualTo("[\"\\b\\t\\f\\r\\u001f\u007f\u2028\"]");
  }

  @Test
  void keepsNumbersAsWritten() {
    assertThat(CanonicalJson.canonicalize("{\"b\": 1.50, \"a\": 1e2, \"c\": [-0.0, 10, 0.0000001, 1E-7]}"))
        .isEqualTo("{\"a\":1e2,\"b\":1.50,\"c\":[-0.0,10,0.0000001,1E-7]}");
    assertThat(CanonicalJson.canonicalize("{\"v\":1.50}")).isNotEqualTo(CanonicalJson.canonicalize("{\"v\":1.5}"));
  }

  @Test
  void whitespaceAndMemberOrderDoNotMatterButArrayOrderDoes() {
    String a = CanonicalJson.canonicalize("{\"x\":[1,2],\"y\":{\"q\":true,\"p\":null}}");
    String b = CanonicalJson.canonicalize(" {\n\t\"y\" : { \"p\" : null , \"q\" : true } ,\r\n \"x\" : [ 1 , 2 ] }\n");
    assertThat(a).isEqualTo(b).isEqualTo("{\"x\":[1,2],\"y\":{\"p\":null,\"q\":true}}");
    assertThat(CanonicalJson.canonicalize("{\"x\":[2,1]}")).isEqualTo("{\"x\":[2,1]}");
  }

  @Test
  void refusesWhatIsNotIJson() {
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1,\"a\":2}"))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("SIHHA-1451: ");
    assertThatThrownBy(() -> CanonicalJson.canonicalize("[\"\\ud800\"]"))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("SIHHA-1452: ");
    assertThatThrownBy(() -> CanonicalJson.canonicalize("[\"\\udc00x\"]")).hasMessageStartingWith("SIHHA-1452: ");
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1} {}")).hasMessageStartingWith("SIHHA-1450: ");
    assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":01}")).hasMessageStartingWith("SIHHA-1450: ");
    assertThatThrownBy(() -> CanonicalJson.canonicalize("")).hasMessageStartingWith("SIHHA-1450: ");
  }
}
