package health.sihha.hie.ministry.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BlindIndexTest {

  private static byte[] key(char c) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) c);
    return key;
  }

  @Test
  void equalIdentifiersGiveEqualDigestsWhateverTheirSpelling() {
    BlindIndex index = new BlindIndex(key('k'));
    assertThat(index.digest("https://sihha.health/fhir/sid/national-id", " 999-71-5436 "))
        .isEqualTo(index.digest("https://sihha.health/fhir/sid/national-id", "999715436"))
        .hasSize(64)
        .doesNotContain("999715436");
    assertThat(index.digest("https://sihha.health/fhir/sid/national-id", "999715436"))
        .isNotEqualTo(index.digest("http://hl7.org/fhir/sid/us-ssn", "999715436"));
  }

  @Test
  void theDigestDependsOnTheKey() {
    assertThat(new BlindIndex(key('a')).digest("s", "1")).isNotEqualTo(new BlindIndex(key('b')).digest("s", "1"));
    assertThatThrownBy(() -> new BlindIndex("short".getBytes(StandardCharsets.US_ASCII)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
