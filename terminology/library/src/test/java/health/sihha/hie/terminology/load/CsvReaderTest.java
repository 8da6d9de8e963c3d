package health.sihha.hie.terminology.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  @Test
  void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
    CsvReader reader = new CsvReader(
        new StringReader("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\r\n\"multi\nline\",,x\nlast,,"), "t.csv");

    assertThat(reader.next()).contains(List.of("a", "b,1", "say \"hi\""));
    assertThat(reader.line()).isEqualTo(1);
    assertThat(reader.next()).contains(List.of("multi\nline", "", "x"));
    assertThat(reader.line()).isEqualTo(3);
    assertThat(reader.next()).contains(List.of("last", "", ""));
    assertThat(reader.line()).isEqualTo(5);
    assertThat(reader.next()).isEmpty();
  }

  @Test
  void rejectsAnUnclosedQuote() {
    CsvReader reader = new CsvReader(new StringReader("a,b\n\"open,c\n"), "t.csv");
    reader.next();

    assertThatThrownBy(reader::next)
        .isInstanceOf(TerminologyLoadException.class)
        .hasMessageContaining("t.csv line 2");
  }
}
