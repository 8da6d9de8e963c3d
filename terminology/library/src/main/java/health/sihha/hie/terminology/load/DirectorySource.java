package health.sihha.hie.terminology.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** A {@link LoadSource} over an extracted distribution: every file below a directory. */
final class DirectorySource implements LoadSource {

  private final Path root;

  DirectorySource(Path root) {
    this.root = root;
  }

  @Override
  public String name() {
    return root.toAbsolutePath().normalize().getFileName().toString();
  }

  @Override
  public List<LoadEntry> find(String fileNameRegex) {
    Pattern pattern = LoadSource.fileNamePattern(fileNameRegex);
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(file -> new LoadEntry(root.relativize(file).toString(), () -> Files.newInputStream(file)))
          .filter(entry -> pattern.matcher(entry.fileName()).matches())
          .sorted(Comparator.comparing(LoadEntry::path))
          .toList();
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot list directory " + root + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    // nothing is held open between reads
  }

  @Override
  public String toString() {
    return root.toString();
  }
}
