package health.sihha.hie.terminology.load.loinc;

import health.sihha.hie.terminology.load.CodeSystems;
import health.sihha.hie.terminology.load.CsvRow;
import health.sihha.hie.terminology.load.CsvTable;
import health.sihha.hie.terminology.load.LoadEntry;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;

/**
 * Reads the full LOINC table ({@code Loinc.csv}), locating its columns by name: one concept per LOINC_NUM with the
 * long common name as display, the short name as synonym, the six axes, class, status and example UCUM units as
 * properties, and {@code inactive} for deprecated codes.
 */
final class LoincTable {

  /** The columns copied to string properties of the same name when not empty. */
  static final List<String> PROPERTIES = List.of("COMPONENT", "PROPERTY", "TIME_ASPCT", "SYSTEM", "SCALE_TYP",
      "METHOD_TYP", "CLASS", "STATUS", "EXAMPLE_UCUM_UNITS");

  private LoincTable() {}

  static Map<String, ConceptDefinitionComponent> read(LoadEntry entry) {
    Map<String, ConceptDefinitionComponent> concepts = new LinkedHashMap<>(200_000);
    try (CsvTable table = CsvTable.open(entry)) {
      int code = table.column("LOINC_NUM");
      int longName = table.column("LONG_COMMON_NAME");
      int shortName = table.optionalColumn("SHORTNAME");
      int status = table.column("STATUS");
      int component = table.column("COMPONENT");
      int[] columns = PROPERTIES.stream().mapToInt(table::optionalColumn).toArray();
      for (Optional<CsvRow> next = table.next(); next.isPresent(); next = table.next()) {
        CsvRow row = next.get();
        String value = row.required(code, "LOINC_NUM");
        if (!LoincLoader.CODE.matcher(value).matches()) {
          throw row.error("'" + value + "' is not a LOINC code");
        }
        String display = row.get(longName).isEmpty() ? row.required(component, "COMPONENT") : row.get(longName);
        ConceptDefinitionComponent concept = CodeSystems.concept(value, display);
        CodeSystems.addSynonym(concept, row.get(shortName));
        for (int i = 0; i < columns.length; i++) {
          CodeSystems.addString(concept, PROPERTIES.get(i), row.get(columns[i]));
        }
        if (row.get(status).equalsIgnoreCase("DEPRECATED")) {
          CodeSystems.addBoolean(concept, CodeSystems.INACTIVE, true);
        }
        if (concepts.putIfAbsent(value, concept) != null) {
          throw row.error("LOINC code " + value + " appears twice");
        }
      }
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot read " + entry.path() + ": " + e.getMessage(), e);
    }
    if (concepts.isEmpty()) {
      throw new TerminologyLoadException(entry.path() + " has a header but no LOINC codes");
    }
    return concepts;
  }
}
