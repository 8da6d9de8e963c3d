package health.sihha.hie.terminology.load;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A CSV file with a header line, whose columns are located by name rather than position, and whose rows must have as
 * many fields as the header. Distribution tables gain columns between releases; this keeps loaders independent of
 * column order.
 */
public final class CsvTable implements Closeable {

  private final CsvReader reader;
  private final String source;
  private final List<String> header;

  private CsvTable(CsvReader reader, String source, List<String> header) {
    this.reader = reader;
    this.source = source;
    this.header = header;
  }

  /** Opens a comma-separated table and reads its header; an empty file is an error. */
  public static CsvTable open(LoadEntry entry) {
    CsvReader reader = new CsvReader(entry.reader(), entry.path());
    List<String> header =
        reader.next().orElseThrow(() -> new TerminologyLoadException(entry.path() + " is empty: no header line"));
    return new CsvTable(reader, entry.path(), header.stream().map(String::strip).toList());
  }

  /** The file this table is read from, for messages. */
  public String source() {
    return source;
  }

  /** The index of a column that must be present (case-insensitive). */
  public int column(String name) {
    int index = optionalColumn(name);
    if (index < 0) {
      throw new TerminologyLoadException(
          source + " line 1: header has no column '" + name + "' (header: " + String.join(",", header) + ")");
    }
    return index;
  }

  /** The index of a column, or -1 when the header does not have it. */
  public int optionalColumn(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).toLowerCase(Locale.ROOT).equals(wanted)) {
        return i;
      }
    }
    return -1;
  }

  /** The next data row; a row whose field count differs from the header's is an error. */
  public Optional<CsvRow> next() {
    Optional<List<String>> fields = reader.next();
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    List<String> values = fields.get();
    if (values.size() != header.size()) {
      throw new TerminologyLoadException(source + " line " + reader.line() + ": " + values.size()
          + " fields where the header has " + header.size());
    }
    return Optional.of(new CsvRow(source, reader.line(), values));
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
