package health.sihha.hie.terminology.load.icd10cm;

import health.sihha.hie.terminology.load.LoadEntry;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads the CDC order file ({@code icd10cm-order-*.txt}), the fixed-width table of every code and header in tabular
 * order: order number (columns 1-5), code without dot (7-13), billable flag (15), short description (17-76), long
 * description (78-).
 */
final class Icd10CmOrderFile {

  private static final int MIN_LENGTH = 78;

  private Icd10CmOrderFile() {}

  static void read(LoadEntry entry, Consumer<Icd10CmCode> sink) {
    try (BufferedReader reader = entry.reader()) {
      long number = 0;
      boolean any = false;
      String line;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        sink.accept(parse(line, entry.path(), number));
        any = true;
      }
      if (!any) {
        throw new TerminologyLoadException(entry.path() + " is empty: no ICD-10-CM codes");
      }
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot read " + entry.path() + ": " + e.getMessage(), e);
    }
  }

  private static Icd10CmCode parse(String line, String file, long number) {
    if (line.length() < MIN_LENGTH) {
      throw malformed(file, number, "line is " + line.length() + " characters, an order file line has at least "
          + MIN_LENGTH);
    }
    if (!isDigits(line.substring(0, 5)) || line.charAt(5) != ' ' || line.charAt(13) != ' '
        || line.charAt(15) != ' ' || line.charAt(76) != ' ') {
      throw malformed(file, number, "not the fixed-width order file layout (order number, code, flag, descriptions)");
    }
    String code = line.substring(6, 13).strip();
    if (!Icd10CmCode.UNDOTTED.matcher(code).matches()) {
      throw malformed(file, number, "'" + code + "' is not an ICD-10-CM code");
    }
    char flag = line.charAt(14);
    if (flag != '0' && flag != '1') {
      throw malformed(file, number, "billable flag '" + flag + "' is neither 0 nor 1");
    }
    String longDescription = line.substring(77).strip();
    if (longDescription.isEmpty()) {
      throw malformed(file, number, "empty long description");
    }
    return new Icd10CmCode(code, flag == '1', line.substring(16, 76).strip(), longDescription);
  }

  private static boolean isDigits(String text) {
    return text.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static TerminologyLoadException malformed(String file, long number, String problem) {
    return new TerminologyLoadException(file + " line " + number + ": malformed order file line: " + problem);
  }
}
