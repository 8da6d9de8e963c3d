package health.sihha.hie.terminology.load;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where a terminology distribution is read from: a single file (plain or {@code .gz}), a directory or a {@code .zip}.
 * Loaders look files up by name so that the same loader accepts a single extracted file and the official full
 * distribution.
 */
public interface LoadSource extends Closeable {

  /** The base name of the file, directory or zip, used to derive versions and in messages. */
  String name();

  /**
   * The files, anywhere in the source, whose base name (without a {@code .gz} suffix) matches {@code fileNameRegex}
   * case-insensitively, sorted by path.
   */
  List<LoadEntry> find(String fileNameRegex);

  /** Closes the zip file, if any. */
  @Override
  void close();

  /** Opens a file, directory or zip (recognised by its content, whatever its name). */
  static LoadSource of(Path path) {
    if (Files.isDirectory(path)) {
      return new DirectorySource(path);
    }
    if (!Files.isRegularFile(path)) {
      throw new TerminologyLoadException("no such file or directory: " + path);
    }
    return isZip(path) ? new ZipSource(path) : new SingleFileSource(path);
  }

  /** The case-insensitive pattern a file name is matched with. */
  static Pattern fileNamePattern(String fileNameRegex) {
    return Pattern.compile(fileNameRegex, Pattern.CASE_INSENSITIVE);
  }

  private static boolean isZip(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      byte[] magic = in.readNBytes(4);
      return magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
