package health.sihha.hie.terminology.load.icd10cm;

import health.sihha.hie.terminology.load.CsvRow;
import health.sihha.hie.terminology.load.CsvTable;
import health.sihha.hie.terminology.load.LoadEntry;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** Reads the derived code table {@code code,billable,description} (code with its dot, billable 1/0). */
final class Icd10CmCodesCsv {

  private static final Pattern DOTTED = Pattern.compile("[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?");

  private Icd10CmCodesCsv() {}

  static void read(LoadEntry entry, Consumer<Icd10CmCode> sink) {
    try (CsvTable table = CsvTable.open(entry)) {
      int code = table.column("code");
      int billable = table.column("billable");
      int description = table.column("description");
      boolean any = false;
      for (Optional<CsvRow> next = table.next(); next.isPresent(); next = table.next()) {
        CsvRow row = next.get();
        String value = row.required(code, "code");
        if (!DOTTED.matcher(value).matches()) {
          throw row.error("'" + value + "' is not an ICD-10-CM code (e.g. E11.9)");
        }
        sink.accept(new Icd10CmCode(
            value.replace(".", ""), flag(row, billable), "", row.required(description, "description")));
        any = true;
      }
      if (!any) {
        throw new TerminologyLoadException(entry.path() + " has a header but no ICD-10-CM codes");
      }
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot read " + entry.path() + ": " + e.getMessage(), e);
    }
  }

  private static boolean flag(CsvRow row, int column) {
    return switch (row.get(column).toLowerCase(Locale.ROOT)) {
      case "1", "true", "y" -> true;
      case "0", "false", "n" -> false;
      default -> throw row.error("billable '" + row.get(column) + "' is neither 1 nor 0");
    };
  }
}
