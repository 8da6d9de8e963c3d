package health.sihha.hie.terminology.load.icd10cm;

import java.util.regex.Pattern;

/**
 * One row of an ICD-10-CM code table, whatever the file format it came from.
 *
 * @param code the code without its dot, e.g. {@code E119}
 * @param billable whether the code is valid for submission (a leaf), rather than a header
 * @param shortDescription the abbreviated description, or "" when the format has none
 * @param longDescription the full description
 */
record Icd10CmCode(String code, boolean billable, String shortDescription, String longDescription) {

  static final Pattern UNDOTTED = Pattern.compile("[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}");

  /** The code with the dot after the third character, as exchanged in FHIR (E11.9). */
  String dotted() {
    return code.length() > 3 ? code.substring(0, 3) + "." + code.substring(3) : code;
  }
}
