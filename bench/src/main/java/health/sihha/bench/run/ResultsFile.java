package health.sihha.bench.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The benchmarks' result files, {@code bench/results/<name>-<UTC timestamp>.md}: tables to read, then the same data
 * as JSON, so that a run can be both read and compared by a program later.
 */
public final class ResultsFile {

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private ResultsFile() {}

  /** The file-name form of a run's start time, such as {@code 20261125T122759Z}. */
  public static String stamp(Instant started) {
    return STAMP.format(started);
  }

  public static Path write(Path dir, String fileName, String markdown) {
    Path file = dir.resolve(fileName);
    try {
      Files.createDirectories(dir);
      Files.writeString(file, markdown);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return file;
  }

  /** The results as pretty-printed JSON, for the fenced block at the end of a results file. */
  public static String json(Object results) {
    try {
      return new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode the results as JSON", e);
    }
  }
}
