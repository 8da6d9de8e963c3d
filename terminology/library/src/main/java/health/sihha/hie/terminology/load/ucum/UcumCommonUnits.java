package health.sihha.hie.terminology.load.ucum;

import health.sihha.hie.terminology.load.CodeSystems;
import health.sihha.hie.terminology.load.CsvRow;
import health.sihha.hie.terminology.load.CsvTable;
import health.sihha.hie.terminology.load.LoadEntry;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;

/**
 * Merges the LHNCBC common-units table ({@code case-sensitive code}, {@code name (display)}, {@code category},
 * {@code synonyms}, {@code LOINC property}, ...) into the UCUM concepts, and collects the clinical units for the
 * {@code ucum-common} value set.
 */
final class UcumCommonUnits {

  static final String CATEGORY = "category";
  static final String LOINC_PROPERTY = "loinc_property";

  private static final Pattern LIST = Pattern.compile("\\s*;\\s*");

  /** A clinical unit of the table, for the value set. */
  record Unit(String code, String display) {}

  private UcumCommonUnits() {}

  /** Merges the rows into {@code concepts} (by code) and returns the Clinical ones in file order. */
  static List<Unit> merge(LoadEntry entry, Map<String, ConceptDefinitionComponent> concepts) {
    List<Unit> clinical = new ArrayList<>();
    try (CsvTable table = CsvTable.open(entry)) {
      int code = table.column("case-sensitive code");
      int display = table.column("name (display)");
      int category = table.column("category");
      int synonyms = table.column("synonyms");
      int loincProperty = table.column("LOINC property");
      for (Optional<CsvRow> next = table.next(); next.isPresent(); next = table.next()) {
        CsvRow row = next.get();
        String unit = row.required(code, "code");
        String name = row.get(display);
        ConceptDefinitionComponent concept =
            concepts.computeIfAbsent(unit, key -> CodeSystems.concept(key, name.isEmpty() ? key : name));
        CodeSystems.addSynonym(concept, name);
        CodeSystems.addString(concept, CATEGORY, row.get(category));
        for (String synonym : LIST.split(row.get(synonyms))) {
          CodeSystems.addSynonym(concept, synonym);
        }
        CodeSystems.addString(concept, LOINC_PROPERTY, row.get(loincProperty));
        if (row.get(category).equalsIgnoreCase("Clinical")) {
          clinical.add(new Unit(unit, name.isEmpty() ? concept.getDisplay() : name));
        }
      }
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot read " + entry.path() + ": " + e.getMessage(), e);
    }
    return clinical;
  }
}
