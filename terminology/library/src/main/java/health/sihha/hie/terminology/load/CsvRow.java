package health.sihha.hie.terminology.load;

import java.util.List;

/**
 * One data row of a {@link CsvTable}, with where it came from so that loaders can report a bad value precisely.
 *
 * @param source the file name
 * @param line the physical line the row starts on
 * @param values the fields, as many as the header has
 */
public record CsvRow(String source, long line, List<String> values) {

  public CsvRow {
    values = List.copyOf(values);
  }

  /** The stripped value of a column, or "" when the column index is -1 (an optional column that is absent). */
  public String get(int column) {
    return column < 0 ? "" : values.get(column).strip();
  }

  /** A value that must not be blank. */
  public String required(int column, String what) {
    String value = get(column);
    if (value.isEmpty()) {
      throw error("empty " + what);
    }
    return value;
  }

  /** An exception naming this row's file and line. */
  public TerminologyLoadException error(String problem) {
    return new TerminologyLoadException(source + " line " + line + ": " + problem);
  }
}
