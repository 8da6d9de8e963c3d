package health.sihha.hie.terminology.load.rxnorm;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.ConceptMap;

/**
 * Loads RxNorm from the official RRF release ({@code RXNCONSO.RRF}, {@code RXNSAT.RRF}, e.g. in
 * {@code RxNorm_full_10062025.zip}) or from the flattened prescribable ingredient and drug tables, with the NDC →
 * RxNorm ConceptMap when NDCs are given.
 */
public final class RxNormLoader implements CodeSystemLoader {

  public static final String SYSTEM = "http://www.nlm.nih.gov/research/umls/rxnorm";

  /** The release the prescribable CSV tables were flattened from. */
  public static final String CSV_VERSION = "2025-10-06";

  private static final String COPYRIGHT = "This product uses publicly available data from the U.S. National Library"
      + " of Medicine (NLM), National Institutes of Health, Department of Health and Human Services; NLM is not"
      + " responsible for the product and does not endorse or recommend this or any other product.";

  @Override
  public String name() {
    return "rxnorm";
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public TerminologyPackage load(LoadSource source, @Nullable String version) {
    List<LoadEntry> conso = source.find("RXNCONSO\\.RRF");
    if (!conso.isEmpty()) {
      return rrf(source, conso.get(0), version);
    }
    List<LoadEntry> ingredients = source.find(".*ingredients.*\\.csv");
    List<LoadEntry> drugs = source.find(".*drugs.*\\.csv");
    if (ingredients.isEmpty() && drugs.isEmpty()) {
      throw new TerminologyLoadException("no RxNorm file in " + source.name()
          + ": expected RXNCONSO.RRF (or the RxNorm zip) or the prescribable *ingredients*.csv / *drugs*.csv");
    }
    Map<String, ConceptDefinitionComponent> concepts = new LinkedHashMap<>(40_000);
    ingredients.forEach(entry -> RxNormCsv.readIngredients(entry, concepts));
    drugs.forEach(entry -> RxNormCsv.readDrugs(entry, concepts));
    String chosen = version == null || version.isBlank() ? CSV_VERSION : version.strip();
    NdcMap ndc = new NdcMap(concepts);
    source.find(".*ndc.*\\.csv").forEach(entry -> RxNormCsv.readNdc(entry, ndc));
    return result(chosen, CodeSystemContentMode.FRAGMENT, true, concepts, ndc);
  }

  private static TerminologyPackage rrf(LoadSource source, LoadEntry conso, @Nullable String version) {
    Optional<String> derived = Versions.fromNames("rxnorm_[a-z_]*?([0-9]{8})", source.name(), conso.path())
        .map(date -> date.substring(4) + "-" + date.substring(0, 2) + "-" + date.substring(2, 4));
    String chosen = Versions.choose(version, derived, "RxNorm", source);
    Map<String, ConceptDefinitionComponent> concepts = RxNormRrf.readConso(conso);
    NdcMap ndc = new NdcMap(concepts);
    source.find("RXNSAT\\.RRF").forEach(entry -> RxNormRrf.readNdc(entry, ndc));
    boolean subset = (source.name() + "/" + conso.path()).toLowerCase(Locale.ROOT).contains("prescribe");
    return result(chosen, subset ? CodeSystemContentMode.FRAGMENT : CodeSystemContentMode.COMPLETE, false, concepts,
        ndc);
  }

  private static TerminologyPackage result(String version, CodeSystemContentMode content, boolean relations,
      Map<String, ConceptDefinitionComponent> concepts, NdcMap ndc) {
    CodeSystem codeSystem = CodeSystems.create(new CodeSystemHeader(SYSTEM, version, "RxNorm", "RxNorm",
        "National Library of Medicine (NLM)", COPYRIGHT, content, true, false));
    RxNormProperties.declare(codeSystem, relations);
    codeSystem.setConcept(new ArrayList<>(concepts.values()));
    List<ConceptMap> maps = ndc.isEmpty() ? List.of() : List.of(ndc.build(version));
    return new TerminologyPackage(CodeSystems.finish(codeSystem), List.of(), maps);
  }
}
