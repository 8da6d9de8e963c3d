package health.sihha.hie.terminology.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link LoadSource} over a distribution zip as published (LOINC, RxNorm, CDC ICD-10-CM), read in place. */
final class ZipSource implements LoadSource {

  private static final Logger LOG = LoggerFactory.getLogger(ZipSource.class);

  private final Path file;
  private final ZipFile zip;

  ZipSource(Path file) {
    this.file = file;
    try {
      this.zip = new ZipFile(file.toFile());
    } catch (IOException e) {
      throw new TerminologyLoadException("unreadable zip " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return file.getFileName().toString();
  }

  @Override
  public List<LoadEntry> find(String fileNameRegex) {
    Pattern pattern = LoadSource.fileNamePattern(fileNameRegex);
    try {
      return zip.stream()
          .filter(entry -> !entry.isDirectory() && !entry.getName().startsWith("__MACOSX/"))
          .map(this::entry)
          .filter(entry -> pattern.matcher(entry.fileName()).matches())
          .sorted(Comparator.comparing(LoadEntry::path))
          .toList();
    } catch (IllegalStateException e) {
      throw new TerminologyLoadException("unreadable zip " + file + ": " + e.getMessage(), e);
    }
  }

  private LoadEntry entry(ZipEntry entry) {
    return new LoadEntry(entry.getName(), () -> zip.getInputStream(entry));
  }

  @Override
  public void close() {
    try {
      zip.close();
    } catch (IOException e) {
      LOG.warn("cannot close zip {}", file, e);
    }
  }

  @Override
  public String toString() {
    return file.toString();
  }
}
