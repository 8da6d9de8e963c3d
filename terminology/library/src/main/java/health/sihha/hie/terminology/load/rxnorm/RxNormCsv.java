package health.sihha.hie.terminology.load.rxnorm;

import health.sihha.hie.terminology.load.CodeSystems;
import health.sihha.hie.terminology.load.CsvRow;
import health.sihha.hie.terminology.load.CsvTable;
import health.sihha.hie.terminology.load.LoadEntry;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the flattened prescribable-content tables: ingredients ({@code rxcui,tty,name,unii}), drugs ({@code rxcui,
 * tty,name,ingredient_rxcuis,brand_names,generic_scd_rxcui}, lists joined with {@code ;}) and NDCs ({@code ndc11,
 * rxcui}).
 */
final class RxNormCsv {

  private static final Logger LOG = LoggerFactory.getLogger(RxNormCsv.class);
  private static final Pattern RXCUI = Pattern.compile("[0-9]{1,9}");
  private static final Pattern LIST = Pattern.compile("\\s*;\\s*");

  private RxNormCsv() {}

  static void readIngredients(LoadEntry entry, Map<String, ConceptDefinitionComponent> concepts) {
    read(entry, concepts, false);
  }

  static void readDrugs(LoadEntry entry, Map<String, ConceptDefinitionComponent> concepts) {
    read(entry, concepts, true);
  }

  private static void read(LoadEntry entry, Map<String, ConceptDefinitionComponent> concepts, boolean drugs) {
    int duplicates = 0;
    int rows = 0;
    try (CsvTable table = CsvTable.open(entry)) {
      int rxcui = table.column("rxcui");
      int tty = table.column("tty");
      int name = table.column("name");
      int unii = drugs ? -1 : table.column("unii");
      int ingredients = drugs ? table.column("ingredient_rxcuis") : -1;
      int brands = drugs ? table.column("brand_names") : -1;
      int generic = drugs ? table.column("generic_scd_rxcui") : -1;
      for (Optional<CsvRow> next = table.next(); next.isPresent(); next = table.next()) {
        CsvRow row = next.get();
        rows++;
        String code = rxcui(row, row.required(rxcui, "rxcui"));
        if (concepts.containsKey(code)) {
          duplicates++;
          continue;
        }
        ConceptDefinitionComponent concept = CodeSystems.concept(code, row.required(name, "name"));
        CodeSystems.addCode(concept, RxNormProperties.TTY, row.required(tty, "tty"));
        for (String ingredient : split(row.get(ingredients))) {
          CodeSystems.addCode(concept, RxNormProperties.INGREDIENT, rxcui(row, ingredient));
        }
        for (String brand : split(row.get(brands))) {
          CodeSystems.addString(concept, RxNormProperties.BRAND_NAME, brand);
        }
        String scd = row.get(generic);
        CodeSystems.addCode(concept, RxNormProperties.GENERIC, scd.isEmpty() ? "" : rxcui(row, scd));
        CodeSystems.addString(concept, RxNormProperties.UNII, row.get(unii));
        concepts.put(code, concept);
      }
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot read " + entry.path() + ": " + e.getMessage(), e);
    }
    if (rows == 0) {
      throw new TerminologyLoadException(entry.path() + " has a header but no RxNorm concepts");
    }
    if (duplicates > 0) {
      LOG.warn("{}: {} rows repeat an RXCUI already loaded; the first row was kept", entry.path(), duplicates);
    }
  }

  static void readNdc(LoadEntry entry, NdcMap map) {
    int unknown = 0;
    try (CsvTable table = CsvTable.open(entry)) {
      int ndc = table.column("ndc11");
      int rxcui = table.column("rxcui");
      for (Optional<CsvRow> next = table.next(); next.isPresent(); next = table.next()) {
        CsvRow row = next.get();
        String code = row.required(ndc, "ndc11");
        if (!code.matches("[0-9]{11}")) {
          throw row.error("'" + code + "' is not an 11-digit NDC");
        }
        if (!map.add(code, rxcui(row, row.required(rxcui, "rxcui")))) {
          unknown++;
        }
      }
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot read " + entry.path() + ": " + e.getMessage(), e);
    }
    if (unknown > 0) {
      LOG.warn("{}: {} NDCs map to an RXCUI that is not loaded; left out of the map", entry.path(), unknown);
    }
  }

  private static String rxcui(CsvRow row, String value) {
    if (!RXCUI.matcher(value).matches()) {
      throw row.error("'" + value + "' is not an RXCUI");
    }
    return value;
  }

  private static String[] split(String list) {
    return list.isEmpty() ? new String[0] : LIST.split(list);
  }
}
