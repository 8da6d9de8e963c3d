package health.sihha.hie.terminology.load.loinc;

import health.sihha.hie.terminology.load.CodeSystems;
import health.sihha.hie.terminology.load.CsvRow;
import health.sihha.hie.terminology.load.CsvTable;
import health.sihha.hie.terminology.load.LoadEntry;
import health.sihha.hie.terminology.load.LoadSource;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the translations of the LOINC distribution ({@code AccessoryFiles/LinguisticVariants}): the index
 * {@code LinguisticVariants.csv} (ID, ISO_LANGUAGE, ISO_COUNTRY) names the files {@code <lang><COUNTRY><ID>
 * LinguisticVariant.csv}, whose long common names (or components) become designations in that language.
 */
final class LoincLinguisticVariants {

  private static final Logger LOG = LoggerFactory.getLogger(LoincLinguisticVariants.class);

  private LoincLinguisticVariants() {}

  static void add(LoadSource source, Map<String, ConceptDefinitionComponent> concepts) {
    Map<String, String> languages = new HashMap<>();
    for (LoadEntry index : source.find("LinguisticVariants\\.csv")) {
      readIndex(index, languages);
    }
    for (LoadEntry variant : source.find(".+LinguisticVariant\\.csv")) {
      String key = variant.fileName().substring(0, variant.fileName().length() - "LinguisticVariant.csv".length());
      String language = languages.get(key.toLowerCase(Locale.ROOT));
      if (language == null) {
        LOG.warn("{} is not listed in LinguisticVariants.csv; skipped", variant.path());
      } else {
        readVariant(variant, language, concepts);
      }
    }
  }

  private static void readIndex(LoadEntry entry, Map<String, String> languages) {
    try (CsvTable table = CsvTable.open(entry)) {
      int id = table.column("ID");
      int language = table.column("ISO_LANGUAGE");
      int country = table.column("ISO_COUNTRY");
      for (Optional<CsvRow> next = table.next(); next.isPresent(); next = table.next()) {
        CsvRow row = next.get();
        String lang = row.required(language, "ISO_LANGUAGE");
        String ctry = row.get(country);
        languages.put((lang + ctry + row.required(id, "ID")).toLowerCase(Locale.ROOT),
            ctry.isEmpty() ? lang : lang + "-" + ctry);
      }
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot read " + entry.path() + ": " + e.getMessage(), e);
    }
  }

  private static void readVariant(
      LoadEntry entry, String language, Map<String, ConceptDefinitionComponent> concepts) {
    try (CsvTable table = CsvTable.open(entry)) {
      int code = table.column("LOINC_NUM");
      int longName = table.optionalColumn("LONG_COMMON_NAME");
      int component = table.column("COMPONENT");
      for (Optional<CsvRow> next = table.next(); next.isPresent(); next = table.next()) {
        CsvRow row = next.get();
        ConceptDefinitionComponent concept = concepts.get(row.get(code));
        String name = row.get(longName).isEmpty() ? row.get(component) : row.get(longName);
        if (concept != null && !name.isEmpty()) {
          CodeSystems.addDesignation(concept, language, name);
        }
      }
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot read " + entry.path() + ": " + e.getMessage(), e);
    }
  }
}
