package health.sihha.bench.synthea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineArgsTest {

  private static final Set<String> KNOWN = Set.of("base", "count", "clients");

  @Test
  void readsBothSpellingsAndDefaults() {
    CommandLineArgs args =
        CommandLineArgs.parse(new String[] {"--base", "http://x/fhir", "--count=7", "--clients", "1, 4"}, KNOWN);

    assertThat(args.required("base")).isEqualTo("http://x/fhir");
    assertThat(args.positiveInt("count", 5)).isEqualTo(7);
    assertThat(args.positiveInts("clients", List.of(1))).containsExactly(1, 4);
    assertThat(CommandLineArgs.parse(new String[0], KNOWN).positiveInt("count", 5)).isEqualTo(5);
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThatThrownBy(() -> CommandLineArgs.parse(new String[] {"--colour", "red"}, KNOWN))
        .hasMessageStartingWith("unknown option --colour");
    assertThatThrownBy(() -> CommandLineArgs.parse(new String[] {"--count"}, KNOWN))
        .hasMessage("--count needs a value");
    assertThatThrownBy(() -> CommandLineArgs.parse(new String[] {"count"}, KNOWN))
        .hasMessageStartingWith("expected --name value");
    assertThatThrownBy(() -> CommandLineArgs.parse(new String[] {"--count", "0"}, KNOWN).positiveInt("count", 5))
        .hasMessage("--count must be at least 1: 0");
    assertThatThrownBy(() -> CommandLineArgs.parse(new String[] {"--count", "x"}, KNOWN).positiveInt("count", 5))
        .hasMessage("--count must be a number: x");
    assertThatThrownBy(() -> CommandLineArgs.parse(new String[0], KNOWN).required("base"))
        .hasMessage("--base is required");
  }
}
