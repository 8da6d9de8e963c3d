package health.sihha.hie.ministry.cpabe.seal;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.cpabe.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
  private final String fingerprint;

  /** Checks every policy once, so that a mistyped rule stops the start rather than the first delivery. */
  public SealingRules(List<SealingRule> rules) {
    StringBuilder canonical = new StringBuilder();
    for (SealingRule rule : rules) {
      try {
        canonical.append(rule.types()).append(rule.labels()).append(rule.sources())
            .append(Policy.parse(rule.policy()).text()).append('\n');
      } catch (InvalidRequestException e) {
        throw new IllegalArgumentException(Codes.of(1500) + "sealing rule " + rule.name() + ": " + e.getMessage(), e);
      }
    }
    this.rules = List.copyOf(rules);
    this.fingerprint = sha256(canonical.toString());
  }

  /** The first rule {@code resource} matches. */
  public Optional<SealingRule> match(Resource resource) {
    return rules.stream().filter(rule -> matches(rule, resource)).findFirst();
  }

  /** The canonical text of the policy the first matching rule seals {@code resource} under, as envelopes carry it. */
  public Optional<String> policy(Resource resource) {
    return match(resource).map(rule -> Policy.parse(rule.policy()).text());
  }

  /**
   * The SHA-256 (hex) of what decides where a resource is sealed: each rule's matches and canonical policy, in order
   * (names and deny modes change no envelope). Stored with the re-wrap job, so that a start with other rules is seen.
   */
  public String fingerprint() {
    return fingerprint;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
          text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
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
