package health.sihha.hie.terminology.load.rxnorm;

import health.sihha.hie.terminology.load.CodeSystems;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.PropertyType;

/** The RxNorm concept properties, named once for the CSV and RRF readers and declared in the code system. */
final class RxNormProperties {

  static final String TTY = "tty";
  static final String INGREDIENT = "ingredient";
  static final String BRAND_NAME = "brand_name";
  static final String GENERIC = "generic";
  static final String UNII = "unii";

  private RxNormProperties() {}

  static void declare(CodeSystem codeSystem, boolean relations) {
    CodeSystems.declare(codeSystem, TTY, PropertyType.CODE, "RxNorm term type of the display (IN, PIN, SCD, SBD, ...)");
    if (relations) {
      CodeSystems.declare(codeSystem, INGREDIENT, PropertyType.CODE, "An ingredient (RXCUI) of the drug");
      CodeSystems.declare(codeSystem, BRAND_NAME, PropertyType.STRING, "A brand name of the drug");
      CodeSystems.declare(codeSystem, GENERIC, PropertyType.CODE, "The generic clinical drug (SCD) of a branded drug");
      CodeSystems.declare(codeSystem, UNII, PropertyType.STRING, "The FDA Unique Ingredient Identifier");
    }
  }
}
