package health.sihha.bench.terminology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One row of the shared ICD-10-CM table ({@code code,billable,description}, RFC 4180 quoting), and the code
 * hierarchy as the code structure gives it.
 *
 * @param code the code with its dot, such as {@code E11.9}
 * @param billable whether the code is valid for submission (a leaf); headers are not
 * @param description the long description
 */
record Icd10CmCode(String code, boolean billable, String description) {

  static final String SYSTEM = "http://hl7.org/fhir/sid/icd-10-cm";

  /** Reads the whole table, in file order (the order file's order: each header before its children). */
  static List<Icd10CmCode> read(Path csv) {
    try (var lines = Files.lines(csv)) {
      return lines.skip(1).filter(line -> !line.isBlank()).map(Icd10CmCode::parse).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + csv, e);
    }
  }

  /**
   * The parent of {@code code}: the longest proper prefix, ignoring the dot, that is itself a code; {@code null}
   * for a category (three characters) or a code with no such prefix.
   */
  static String parent(String code, Set<String> allCodes) {
    String bare = code.replace(".", "");
    for (int length = bare.length() - 1; length >= 3; length--) {
      String candidate = withDot(bare.substring(0, length));
      if (allCodes.contains(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  static Set<String> codes(List<Icd10CmCode> table) {
    return table.stream().map(Icd10CmCode::code).collect(Collectors.toUnmodifiableSet());
  }

  private static String withDot(String bare) {
    return bare.length() <= 3 ? bare : bare.substring(0, 3) + "." + bare.substring(3);
  }

  private static Icd10CmCode parse(String line) {
    int first = line.indexOf(',');
    int second = line.indexOf(',', first + 1);
    if (first < 0 || second < 0) {
      throw new IllegalArgumentException("not a code,billable,description row: " + line);
    }
    String description = line.substring(second + 1);
    if (description.startsWith("\"") && description.endsWith("\"")) {
      description = description.substring(1, description.length() - 1).replace("\"\"", "\"");
    }
    return new Icd10CmCode(line.substring(0, first), "1".equals(line.substring(first + 1, second)), description);
  }
}
