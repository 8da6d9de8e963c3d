package health.sihha.hie.terminology.load.loinc;

import health.sihha.hie.terminology.load.CodeSystems;
import health.sihha.hie.terminology.load.CsvRow;
import health.sihha.hie.terminology.load.CsvTable;
import health.sihha.hie.terminology.load.LoadEntry;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;

/**
 * Merges the "Top 2000+ common lab results" tables (US and SI editions: {@code LOINC #}, {@code Long Common Name},
 * {@code Short Name}, {@code CLASS}, {@code Rank}) by code, keeping the first name and the best rank.
 */
final class LoincTop2000 {

  static final String RANK = "rank";
  static final String CLASS = "class";

  private final Map<String, ConceptDefinitionComponent> concepts = new LinkedHashMap<>();
  private final Map<String, Integer> ranks = new HashMap<>();

  void read(LoadEntry entry) {
    try (CsvTable table = CsvTable.open(entry)) {
      int code = table.column("LOINC #");
      int longName = table.column("Long Common Name");
      int shortName = table.column("Short Name");
      int loincClass = table.column("CLASS");
      int rank = table.column("Rank");
      boolean any = false;
      for (Optional<CsvRow> next = table.next(); next.isPresent(); next = table.next()) {
        CsvRow row = next.get();
        add(row, row.required(code, "LOINC #"), row.required(longName, "Long Common Name"), row.get(shortName),
            row.get(loincClass), rank(row, rank));
        any = true;
      }
      if (!any) {
        throw new TerminologyLoadException(entry.path() + " has a header but no LOINC codes");
      }
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot read " + entry.path() + ": " + e.getMessage(), e);
    }
  }

  private void add(CsvRow row, String code, String longName, String shortName, String loincClass, int rank) {
    if (!LoincLoader.CODE.matcher(code).matches()) {
      throw row.error("'" + code + "' is not a LOINC code");
    }
    ConceptDefinitionComponent concept = concepts.get(code);
    if (concept == null) {
      concept = CodeSystems.concept(code, longName);
      CodeSystems.addString(concept, CLASS, loincClass);
      concepts.put(code, concept);
    } else {
      CodeSystems.addSynonym(concept, longName);
    }
    CodeSystems.addSynonym(concept, shortName);
    ranks.merge(code, rank, Math::min);
  }

  private static int rank(CsvRow row, int column) {
    String value = row.required(column, "Rank");
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw row.error("Rank '" + value + "' is not an integer");
    }
  }

  /** The merged concepts, each with its best rank. */
  List<ConceptDefinitionComponent> concepts() {
    List<ConceptDefinitionComponent> result = new ArrayList<>(concepts.size());
    for (ConceptDefinitionComponent concept : concepts.values()) {
      CodeSystems.addInteger(concept, RANK, ranks.get(concept.getCode()));
      result.add(concept);
    }
    return result;
  }
}
