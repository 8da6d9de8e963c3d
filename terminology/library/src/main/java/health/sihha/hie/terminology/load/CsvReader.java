package health.sihha.hie.terminology.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A streaming RFC 4180 reader (quoted fields with commas, doubled quotes and line breaks; CRLF or LF), with the
 * physical line of each record for error messages. Written here rather than taken from commons-csv, which reaches
 * this module only transitively through Jena and could disappear with any HAPI upgrade.
 */
public final class CsvReader implements Closeable {

  private final Reader reader;
  private final String source;
  private final char separator;
  private long line = 1;
  private long recordLine;
  private int pending = -2;

  /** Reads comma-separated values; {@code source} names the file in messages. */
  public CsvReader(Reader reader, String source) {
    this(reader, source, ',');
  }

  /** Reads values separated by {@code separator} (e.g. a tab). */
  public CsvReader(Reader reader, String source, char separator) {
    this.reader = reader;
    this.source = source;
    this.separator = separator;
  }

  /** The physical line (1-based) where the last record returned by {@link #next()} started. */
  public long line() {
    return recordLine;
  }

  /** The next record, skipping blank lines; empty at the end of the input. */
  public Optional<List<String>> next() {
    int c = read();
    while (c == '\r' || c == '\n') {
      consumeLineEnd(c);
      c = read();
    }
    if (c == -1) {
      return Optional.empty();
    }
    recordLine = line;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    while (true) {
      if (quoted) {
        if (c == -1) {
          throw new TerminologyLoadException(
              source + " line " + recordLine + ": quoted field not closed before the end of the file");
        }
        if (c == '"') {
          int next = read();
          if (next == '"') {
            field.append('"');
          } else {
            quoted = false;
            c = next;
            continue;
          }
        } else {
          if (c == '\n') {
            line++;
          }
          field.append((char) c);
        }
      } else if (c == separator) {
        fields.add(field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\r' || c == '\n' || c == -1) {
        fields.add(field.toString());
        if (c != -1) {
          consumeLineEnd(c);
        }
        return Optional.of(fields);
      } else if (c == '"' && field.length() == 0 && !wasQuoted) {
        quoted = true;
        wasQuoted = true;
      } else if (wasQuoted) {
        throw new TerminologyLoadException(
            source + " line " + line + ": unexpected character '" + (char) c + "' after a closing quote");
      } else {
        field.append((char) c);
      }
      c = read();
    }
  }

  private void consumeLineEnd(int c) {
    line++;
    if (c == '\r') {
      int next = read();
      if (next != '\n') {
        pending = next;
      }
    }
  }

  private int read() {
    if (pending != -2) {
      int c = pending;
      pending = -2;
      return c;
    }
    try {
      return reader.read();
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot read " + source + " at line " + line + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
