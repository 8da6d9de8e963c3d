package health.sihha.hie.ministry.cpabe.seal;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.cpabe.policy.Policy;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Resource;

/**
 * Chooses the policy a resource is sealed under: the first {@link SealingRule} it matches. A resource no rule matches
 * is stored in clear. Rules read only what the clear projection keeps (type, {@code meta.security}, the source tag),
 * so the rule of a stored resource is found again when it is read.
 */
public final class SealingRules {

  /** The source-provider tag system the ingestion stamps (see {@code ingest.SourceStamp}). */
  static final String SOURCE_SYSTEM = "https://sihha.health/fhir/CodeSystem/source-provider";

  private static final List<String> CLINICAL = List.of("Encounter", "Condition", "Observation", "DiagnosticReport",
      "MedicationRequest", "Procedure", "Immunization", "AllergyIntolerance");
  private static final List<String> PATIENT_DATA = List.of("Patient", "Encounter", "Condition", "Observation",
      "DiagnosticReport", "MedicationRequest", "Procedure", "Immunization", "AllergyIntolerance");
  private static final String EPIDEMIOLOGY = "(role:epidemiologist AND specialty:epidemiology)";

  /** The default rules, most specific first; the README's table lists them. */
  public static final List<SealingRule> DEFAULTS = List.of(
      new SealingRule("hiv", PATIENT_DATA, List.of(SecurityLabels.HIV), List.of(),
          "(role:physician AND specialty:infectious-diseases) OR " + EPIDEMIOLOGY + " OR role:break-glass",
          DenyMode.FORBID),
      new SealingRule("substance-use", PATIENT_DATA, List.of(SecurityLabels.SUD), List.of(),
          "(role:physician AND (specialty:psychiatry OR specialty:addiction-medicine)) OR " + EPIDEMIOLOGY
              + " OR role:break-glass",
          DenyMode.FORBID),
      new SealingRule("mental-health", PATIENT_DATA, List.of(SecurityLabels.PSY), List.of(),
          "(role:physician AND specialty:psychiatry) OR " + EPIDEMIOLOGY + " OR role:break-glass", DenyMode.FORBID),
      new SealingRule("restricted", PATIENT_DATA, List.of(SecurityLabels.RESTRICTED, SecurityLabels.VERY_RESTRICTED),
          List.of(), "role:physician OR " + EPIDEMIOLOGY + " OR role:break-glass", DenyMode.SEALED),
      new SealingRule("demographics", List.of("Patient"), List.of(), List.of(),
          "role:physician OR role:nurse OR role:registry-steward OR role:break-glass", DenyMode.SEALED),
      new SealingRule("clinical", CLINICAL, List.of(), List.of(),
          "role:physician OR role:nurse OR role:epidemiologist OR role:break-glass", DenyMode.SEALED));

  private final List<SealingRule> rules;

  /** Checks every policy once, so that a mistyped rule stops the start rather than the first delivery. */
  public SealingRules(List<SealingRule> rules) {
    for (SealingRule rule : rules) {
      try {
        Policy.parse(rule.policy());
      } catch (InvalidRequestException e) {
        throw new IllegalArgumentException(Codes.of(1500) + "sealing rule " + rule.name() + ": " + e.getMessage(), e);
      }
    }
    this.rules = List.copyOf(rules);
  }

  /** The first rule {@code resource} matches. */
  public Optional<SealingRule> match(Resource resource) {
    return rules.stream().filter(rule -> matches(rule, resource)).findFirst();
  }

  private static boolean matches(SealingRule rule, Resource resource) {
    return (rule.types().isEmpty() || rule.types().contains(resource.fhirType()))
        && (rule.labels().isEmpty() || resource.getMeta().getSecurity().stream().anyMatch(c -> labelled(rule, c)))
        && (rule.sources().isEmpty() || resource.getMeta().getTag().stream()
            .anyMatch(tag -> SOURCE_SYSTEM.equals(tag.getSystem()) && rule.sources().contains(tag.getCode())));
  }

  private static boolean labelled(SealingRule rule, Coding label) {
    return rule.labels().contains(label.getCode()) || rule.labels().contains(label.getSystem() + "|" + label.getCode());
  }
}
