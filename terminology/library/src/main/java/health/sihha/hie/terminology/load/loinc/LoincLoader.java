package health.sihha.hie.terminology.load.loinc;

import health.sihha.hie.terminology.load.CodeSystemHeader;
import health.sihha.hie.terminology.load.CodeSystemLoader;
import health.sihha.hie.terminology.load.CodeSystems;
import health.sihha.hie.terminology.load.LoadEntry;
import health.sihha.hie.terminology.load.LoadSource;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import health.sihha.hie.terminology.load.TerminologyPackage;
import health.sihha.hie.terminology.load.Versions;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;

/**
 * Loads LOINC from the full table ({@code Loinc.csv}, alone or in the LOINC zip, with its linguistic variants) or,
 * failing that, from the "Top 2000+ common lab results" tables, a fragment.
 */
public final class LoincLoader implements CodeSystemLoader {

  public static final String SYSTEM = "http://loinc.org";

  /** The version recorded for the Top 2000+ tables when none is given. */
  public static final String TOP2000_VERSION = "2.5x-top2000-1.6";

  static final Pattern CODE = Pattern.compile("[0-9A-Z]{1,10}-[0-9]");

  private static final String COPYRIGHT = "This material contains content from LOINC (http://loinc.org). LOINC is"
      + " copyright (c) Regenstrief Institute, Inc. and the Logical Observation Identifiers Names and Codes (LOINC)"
      + " Committee and is available at no cost under the license at http://loinc.org/license.";

  @Override
  public String name() {
    return "loinc";
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public TerminologyPackage load(LoadSource source, @Nullable String version) {
    List<LoadEntry> table = source.find("Loinc\\.csv");
    if (!table.isEmpty()) {
      return full(source, table.get(0), version);
    }
    List<LoadEntry> top = new ArrayList<>(source.find(".*Top2000.*\\.csv"));
    if (top.isEmpty()) {
      throw new TerminologyLoadException("no LOINC file in " + source.name()
          + ": expected Loinc.csv (or the LOINC zip) or the Top 2000+ tables (*Top2000*.csv)");
    }
    top.sort(Comparator.comparing((LoadEntry e) -> !e.fileName().toUpperCase(Locale.ROOT).contains("US"))
        .thenComparing(LoadEntry::path));
    LoincTop2000 merged = new LoincTop2000();
    top.forEach(merged::read);
    String chosen = version == null || version.isBlank() ? TOP2000_VERSION : version.strip();
    CodeSystem codeSystem = header(chosen, CodeSystemContentMode.FRAGMENT);
    CodeSystems.declare(codeSystem, LoincTop2000.CLASS, PropertyType.STRING, "The LOINC class (CLASS)");
    CodeSystems.declare(codeSystem, LoincTop2000.RANK, PropertyType.INTEGER,
        "Best rank among the Top 2000+ common lab results (1 = most frequent)");
    codeSystem.setConcept(merged.concepts());
    return TerminologyPackage.of(CodeSystems.finish(codeSystem));
  }

  private static TerminologyPackage full(LoadSource source, LoadEntry table, @Nullable String version) {
    String chosen = Versions.choose(version,
        Versions.fromNames("loinc[ _-]?v?([0-9]+\\.[0-9]+)", source.name(), table.path()), "LOINC", source);
    Map<String, ConceptDefinitionComponent> concepts = LoincTable.read(table);
    LoincLinguisticVariants.add(source, concepts);
    CodeSystem codeSystem = header(chosen, CodeSystemContentMode.COMPLETE);
    for (String property : LoincTable.PROPERTIES) {
      CodeSystems.declare(codeSystem, property, PropertyType.STRING, "The LOINC table's " + property + " column");
    }
    CodeSystems.declareInactive(codeSystem);
    codeSystem.setConcept(new ArrayList<>(concepts.values()));
    return TerminologyPackage.of(CodeSystems.finish(codeSystem));
  }

  private static CodeSystem header(String version, CodeSystemContentMode content) {
    return CodeSystems.create(new CodeSystemHeader(SYSTEM, version, "LOINC",
        "LOINC Code System", "Regenstrief Institute, Inc.", COPYRIGHT, content, false, false));
  }
}
