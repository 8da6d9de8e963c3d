package health.sihha.hie.ministry.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Winkler's published examples. */
class JaroWinklerTest {

  @Test
  void knownAnswers() {
    assertThat(JaroWinkler.similarity("MARTHA", "MARHTA")).isCloseTo(0.961, within(0.001));
    assertThat(JaroWinkler.similarity("DWAYNE", "DUANE")).isCloseTo(0.84, within(0.001));
    assertThat(JaroWinkler.similarity("DIXON", "DICKSONX")).isCloseTo(0.813, within(0.001));
  }

  @Test
  void jaroWithoutThePrefixBonus() {
    assertThat(JaroWinkler.jaro("MARTHA", "MARHTA")).isCloseTo(0.944, within(0.001));
    assertThat(JaroWinkler.jaro("DWAYNE", "DUANE")).isCloseTo(0.822, within(0.001));
    assertThat(JaroWinkler.jaro("DIXON", "DICKSONX")).isCloseTo(0.767, within(0.001));
  }

  @Test
  void bounds() {
    assertThat(JaroWinkler.similarity("HADDAD", "HADDAD")).isEqualTo(1.0);
    assertThat(JaroWinkler.similarity("ABC", "XYZ")).isZero();
    assertThat(JaroWinkler.similarity("", "ABC")).isZero();
    assertThat(JaroWinkler.similarity("A", "A")).isEqualTo(1.0);
  }

  @Test
  void soundexGroupsSpellingsThatSoundAlike() {
    assertThat(Soundex.of("Robert")).isEqualTo("R163").isEqualTo(Soundex.of("Rupert"));
    assertThat(Soundex.of("Ashcraft")).isEqualTo("A261");
    assertThat(Soundex.of("Tymczak")).isEqualTo("T522");
    assertThat(Soundex.of("Pfister")).isEqualTo("P236");
    assertThat(Soundex.of("Lee")).isEqualTo("L000");
    assertThat(Soundex.of("")).isEmpty();
  }
}
