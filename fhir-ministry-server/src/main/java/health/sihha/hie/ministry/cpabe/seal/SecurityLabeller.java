package health.sihha.hie.ministry.cpabe.seal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;

/**
 * Labels sensitive content from its codes, since what the providers deliver (Synthea's data among it) carries no
 * {@code meta.security}: an HIV, mental-health or substance-use diagnosis or procedure anywhere in the resource (its
 * code, a reason, a category) adds the sensitivity (v3 ActCode HIV, PSY, SUD) and confidentiality R. Labels already
 * there are kept; the labeller only adds.
 */
public final class SecurityLabeller {

  enum Sensitivity { HIV, PSY, SUD }

  private static final Set<String> ICD10 = Set.of("http://hl7.org/fhir/sid/icd-10", "http://hl7.org/fhir/sid/icd-10-cm",
      "http://id.who.int/icd/release/10/mms");
  private static final String SNOMED = "http://snomed.info/sct";

  private static final Pattern ICD_HIV = Pattern.compile("(B2[0-4]|Z21)(\\..*)?");
  private static final Pattern ICD_SUD = Pattern.compile("F1[0-9](\\..*)?");
  private static final Pattern ICD_PSY = Pattern.compile("F(0[1-9]|[2-9][0-9])(\\..*)?");

  /** SNOMED CT concepts of the three sensitivities, among them those Synthea's modules use. */
  private static final Map<String, Sensitivity> SNOMED_CODES = Map.ofEntries(
      Map.entry("86406008", Sensitivity.HIV), // human immunodeficiency virus infection
      Map.entry("165816005", Sensitivity.HIV), // HIV positive
      Map.entry("62479008", Sensitivity.HIV), // AIDS
      Map.entry("79019005", Sensitivity.HIV), // HIV-2 infection
      Map.entry("35489007", Sensitivity.PSY), // depressive disorder
      Map.entry("370143000", Sensitivity.PSY), // major depressive disorder
      Map.entry("36923009", Sensitivity.PSY), // major depression, single episode
      Map.entry("192080009", Sensitivity.PSY), // chronic depression
      Map.entry("197480006", Sensitivity.PSY), // anxiety disorder
      Map.entry("21897009", Sensitivity.PSY), // generalized anxiety disorder
      Map.entry("47505003", Sensitivity.PSY), // posttraumatic stress disorder
      Map.entry("58214004", Sensitivity.PSY), // schizophrenia
      Map.entry("13746004", Sensitivity.PSY), // bipolar disorder
      Map.entry("79094001", Sensitivity.PSY), // initial psychiatric interview
      Map.entry("736254008", Sensitivity.PSY), // psychiatry care plan
      Map.entry("5602001", Sensitivity.SUD), // opioid abuse
      Map.entry("55680006", Sensitivity.SUD), // drug overdose
      Map.entry("7200002", Sensitivity.SUD), // alcoholism
      Map.entry("15167005", Sensitivity.SUD), // alcohol abuse
      Map.entry("66214007", Sensitivity.SUD), // substance abuse
      Map.entry("26416006", Sensitivity.SUD), // drug abuse
      Map.entry("191816009", Sensitivity.SUD), // drug dependence
      Map.entry("56876005", Sensitivity.SUD), // drug rehabilitation and detoxification
      Map.entry("61480009", Sensitivity.SUD), // drug detoxification
      Map.entry("60112009", Sensitivity.SUD), // drug addiction counseling
      Map.entry("266707007", Sensitivity.SUD), // drug addiction therapy
      Map.entry("313071005", Sensitivity.SUD)); // counseling for substance abuse

  private final FhirTerser terser;

  public SecurityLabeller(FhirContext fhirContext) {
    this.terser = fhirContext.newTerser();
  }

  /** Adds the labels {@code resource}'s codes call for; the sensitivities found. */
  public Set<Sensitivity> label(Resource resource) {
    Meta meta = resource.getMeta();
    // the codes of meta (tags, labels) describe the record, not the patient
    resource.setMeta(null);
    Set<Sensitivity> found = EnumSet.noneOf(Sensitivity.class);
    try {
      terser.getAllPopulatedChildElementsOfType(resource, Coding.class).forEach(coding -> classify(coding, found));
    } finally {
      resource.setMeta(meta);
    }
    for (Sensitivity sensitivity : found) {
      add(meta, SecurityLabels.ACT_CODE, sensitivity.name());
    }
    if (!found.isEmpty()) {
      add(meta, SecurityLabels.CONFIDENTIALITY, SecurityLabels.RESTRICTED);
    }
    return found;
  }

  private static void classify(Coding coding, Set<Sensitivity> found) {
    if (!coding.hasCode()) {
      return;
    }
    String code = coding.getCode().strip();
    if (SNOMED.equals(coding.getSystem())) {
      Sensitivity sensitivity = SNOMED_CODES.get(code);
      if (sensitivity != null) {
        found.add(sensitivity);
      }
    } else if (ICD10.contains(coding.getSystem())) {
      String icd = code.toUpperCase(Locale.ROOT);
      if (ICD_HIV.matcher(icd).matches()) {
        found.add(Sensitivity.HIV);
      } else if (ICD_SUD.matcher(icd).matches()) {
        found.add(Sensitivity.SUD);
      } else if (ICD_PSY.matcher(icd).matches()) {
        found.add(Sensitivity.PSY);
      }
    }
  }

  private static void add(Meta meta, String system, String code) {
    if (meta.getSecurity(system, code) == null) {
      meta.addSecurity(system, code, null);
    }
  }
}
