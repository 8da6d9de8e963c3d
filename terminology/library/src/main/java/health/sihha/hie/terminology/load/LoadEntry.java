package health.sihha.hie.terminology.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * One file of a {@link LoadSource}: a plain file, a file in a directory or a zip entry. It hides where the bytes come
 * from and transparently gunzips {@code .gz} files.
 *
 * @param path the path of the file inside its source (the file name for a single file), used in messages
 * @param opener opens the raw bytes
 */
public record LoadEntry(String path, Opener opener) {

  /** Opens the raw bytes of an entry. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  /** The base name of the file, without directories and without a {@code .gz} suffix. */
  public String fileName() {
    String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
    return name.toLowerCase(Locale.ROOT).endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
  }

  /** Opens the content, gunzipped when the file is a {@code .gz}. */
  public InputStream open() {
    try {
      InputStream raw = opener.open();
      return path.toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** Opens the content as UTF-8 text, skipping a byte order mark. */
  public BufferedReader reader() {
    BufferedReader reader = new BufferedReader(new InputStreamReader(open(), StandardCharsets.UTF_8), 1 << 16);
    try {
      reader.mark(1);
      if (reader.read() != '\uFEFF') {
        reader.reset();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
    return reader;
  }
}
