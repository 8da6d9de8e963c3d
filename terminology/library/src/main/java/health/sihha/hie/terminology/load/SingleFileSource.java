package health.sihha.hie.terminology.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A {@link LoadSource} made of one file, for distributions published as a single table. */
final class SingleFileSource implements LoadSource {

  private final Path file;
  private final LoadEntry entry;

  SingleFileSource(Path file) {
    this.file = file;
    this.entry = new LoadEntry(file.getFileName().toString(), () -> Files.newInputStream(file));
  }

  @Override
  public String name() {
    return file.getFileName().toString();
  }

  @Override
  public List<LoadEntry> find(String fileNameRegex) {
    return LoadSource.fileNamePattern(fileNameRegex).matcher(entry.fileName()).matches() ? List.of(entry) : List.of();
  }

  @Override
  public void close() {
    // nothing is held open between reads
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
