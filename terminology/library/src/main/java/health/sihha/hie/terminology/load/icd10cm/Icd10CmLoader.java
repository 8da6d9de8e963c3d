package health.sihha.hie.terminology.load.icd10cm;

import health.sihha.hie.terminology.load.CodeSystemHeader;
import health.sihha.hie.terminology.load.CodeSystemLoader;
import health.sihha.hie.terminology.load.CodeSystems;
import health.sihha.hie.terminology.load.LoadEntry;
import health.sihha.hie.terminology.load.LoadSource;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import health.sihha.hie.terminology.load.TerminologyPackage;
import health.sihha.hie.terminology.load.Versions;
import jakarta.annotation.Nullable;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;

/**
 * Loads ICD-10-CM from the CDC order file ({@code icd10cm[-_]order-*.txt}, plain, gzipped or in the CDC zip) or from
 * the derived {@code code,billable,description} CSV, with chapters (and blocks when {@code icd10cm_tabular_*.xml} is
 * alongside) above the codes.
 */
public final class Icd10CmLoader implements CodeSystemLoader {

  public static final String SYSTEM = "http://hl7.org/fhir/sid/icd-10-cm";

  static final String ORDER_FILE = "icd10cm[-_]order[-_](?!addenda).*\\.txt";
  static final String CODES_CSV = "icd10cm.*\\.csv";
  static final String TABULAR_XML = "icd10cm[-_]tabular.*\\.xml";

  private static final String YEAR = "(?<![0-9])(20[0-9]{2})(?![0-9])";

  @Override
  public String name() {
    return "icd10cm";
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public TerminologyPackage load(LoadSource source, @Nullable String version) {
    List<LoadEntry> order = source.find(ORDER_FILE);
    List<LoadEntry> csv = source.find(CODES_CSV);
    if (order.isEmpty() && csv.isEmpty()) {
      throw new TerminologyLoadException("no ICD-10-CM file in " + source.name()
          + ": expected the CDC order file (icd10cm-order-*.txt[.gz]) or a code table (icd10cm*.csv)");
    }
    LoadEntry codes = order.isEmpty() ? csv.get(0) : order.get(0);
    String chosen =
        Versions.choose(version, Versions.fromNames(YEAR, codes.fileName(), source.name()), "ICD-10-CM", source);
    List<LoadEntry> tabular = source.find(TABULAR_XML);
    Icd10CmTree tree = tabular.isEmpty() ? new Icd10CmTree() : new Icd10CmTree(Icd10CmTabular.read(tabular.get(0)));
    if (order.isEmpty()) {
      Icd10CmCodesCsv.read(codes, code -> tree.add(code, codes.path()));
    } else {
      Icd10CmOrderFile.read(codes, code -> tree.add(code, codes.path()));
    }
    CodeSystem codeSystem = header(chosen);
    codeSystem.setConcept(tree.roots());
    return TerminologyPackage.of(CodeSystems.finish(codeSystem));
  }

  private static CodeSystem header(String version) {
    CodeSystem codeSystem = CodeSystems.create(new CodeSystemHeader(
        SYSTEM,
        version,
        "ICD10CM",
        "ICD-10-CM (International Classification of Diseases, Tenth Revision, Clinical Modification)",
        "National Center for Health Statistics (NCHS), Centers for Disease Control and Prevention",
        "ICD-10-CM is a U.S. Government work in the public domain, published by the CDC National Center for Health"
            + " Statistics; the ICD-10 classification it is based on is (c) World Health Organization.",
        CodeSystemContentMode.COMPLETE,
        false,
        true));
    CodeSystems.declare(codeSystem, Icd10CmTree.BILLABLE, PropertyType.BOOLEAN,
        "True when the code is valid for submission on HIPAA transactions; false for headers");
    CodeSystems.declare(codeSystem, Icd10CmTree.KIND, PropertyType.CODE,
        "chapter | block | category (3 characters) | subcategory (longer header) | code (longer billable code)");
    CodeSystems.declareNotSelectable(codeSystem);
    return codeSystem;
  }
}
