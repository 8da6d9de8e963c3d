package health.sihha.hie.terminology.load.ucum;

import health.sihha.hie.terminology.load.CodeSystemHeader;
import health.sihha.hie.terminology.load.CodeSystemLoader;
import health.sihha.hie.terminology.load.CodeSystems;
import health.sihha.hie.terminology.load.LoadEntry;
import health.sihha.hie.terminology.load.LoadSource;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import health.sihha.hie.terminology.load.TerminologyPackage;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;

/**
 * Loads the enumerable part of UCUM: the units of the essence XML ({@code ucum-essence*.xml}) and, when present, the
 * common-units table ({@code ucum*.csv}), with the {@code ucum-common} value set of its clinical units. The code
 * system is a fragment: any well-formed expression is a UCUM code, see {@link UcumGrammar}.
 */
public final class UcumLoader implements CodeSystemLoader {

  public static final String SYSTEM = "http://unitsofmeasure.org";
  public static final String COMMON_VALUE_SET = "http://sihha.health/fhir/ValueSet/ucum-common";

  private static final String COPYRIGHT = "The UCUM codes, UCUM table and UCUM Specification are copyright (c)"
      + " 1999-2024 Regenstrief Institute, Inc. and The UCUM Organization, Indianapolis, IN. All rights reserved."
      + " See https://ucum.org/license.";

  @Override
  public String name() {
    return "ucum";
  }

  @Override
  public String system() {
    return SYSTEM;
  }

  @Override
  public TerminologyPackage load(LoadSource source, @Nullable String version) {
    List<LoadEntry> essenceFiles = source.find("ucum[-_]essence.*\\.xml");
    if (essenceFiles.isEmpty()) {
      throw new TerminologyLoadException("no UCUM file in " + source.name() + ": expected ucum-essence.xml");
    }
    UcumEssence essence = UcumEssence.read(essenceFiles.get(0));
    String chosen = version == null || version.isBlank() ? essence.version() : version.strip();
    Map<String, ConceptDefinitionComponent> concepts = essence.units();
    List<LoadEntry> common = source.find("ucum.*\\.csv");
    List<UcumCommonUnits.Unit> clinical =
        common.isEmpty() ? List.of() : UcumCommonUnits.merge(common.get(0), concepts);

    CodeSystem codeSystem = CodeSystems.create(new CodeSystemHeader(SYSTEM, chosen, "UCUM",
        "Unified Code for Units of Measure (UCUM)", "Regenstrief Institute, Inc. and The UCUM Organization",
        COPYRIGHT, CodeSystemContentMode.FRAGMENT, true, false));
    CodeSystems.declare(codeSystem, UcumEssence.PROPERTY, PropertyType.STRING, "The kind of quantity (UCUM property)");
    if (!common.isEmpty()) {
      CodeSystems.declare(codeSystem, UcumCommonUnits.CATEGORY, PropertyType.STRING,
          "Clinical, Nonclinical, Obsolete or Constant (LHNCBC common units table)");
      CodeSystems.declare(codeSystem, UcumCommonUnits.LOINC_PROPERTY, PropertyType.STRING,
          "The LOINC properties the unit is used with");
    }
    codeSystem.setConcept(new ArrayList<>(concepts.values()));
    List<ValueSet> valueSets = clinical.isEmpty() ? List.of() : List.of(commonUnits(chosen, clinical));
    return new TerminologyPackage(CodeSystems.finish(codeSystem), valueSets, List.of());
  }

  private static ValueSet commonUnits(String version, List<UcumCommonUnits.Unit> units) {
    ValueSet valueSet = new ValueSet();
    valueSet.setUrl(COMMON_VALUE_SET);
    valueSet.setVersion(version);
    valueSet.setName("UcumCommon");
    valueSet.setTitle("Common UCUM units (clinical)");
    valueSet.setStatus(PublicationStatus.ACTIVE);
    valueSet.setExperimental(false);
    valueSet.setPublisher("Sihha HIE, from the LHNCBC common UCUM units table");
    valueSet.setCopyright(COPYRIGHT);
    ConceptSetComponent include = valueSet.getCompose().addInclude().setSystem(SYSTEM).setVersion(version);
    units.forEach(unit -> include.addConcept().setCode(unit.code()).setDisplay(unit.display()));
    return valueSet;
  }
}
