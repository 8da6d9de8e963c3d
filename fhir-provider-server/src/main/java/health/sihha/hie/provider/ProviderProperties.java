package health.sihha.hie.provider;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who this provider is and what it shares with the ministry.
 *
 * @param id stable provider id, used in the ministry's ids and source tags (letters, digits and '-')
 * @param name display name, shown in the CapabilityStatement and the ministry's source tag
 * @param ministryIngestUrl the ministry's ingestion base; this provider delivers to {@code <url>/<id>}
 * @param aggregatedTypes resource types sent to the ministry, one filter each of its Subscription
 */
@Validated
@ConfigurationProperties("sihha.provider")
public record ProviderProperties(
    @DefaultValue("provider-a") @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,32}") String id,
    @DefaultValue("Provider A") @NotBlank String name,
    @DefaultValue("http://127.0.0.1:8080/ingest") @NotNull URI ministryIngestUrl,
    @DefaultValue({
      "Patient", "Practitioner", "Organization", "Location", "Encounter", "Condition", "Observation",
      "DiagnosticReport", "MedicationRequest", "Procedure", "Immunization", "AllergyIntolerance", "Consent"
    })
    @NotEmpty List<String> aggregatedTypes) {

  /** Where this provider's notifications go. */
  public String deliveryEndpoint() {
    String base = ministryIngestUrl.toString();
    return (base.endsWith("/") ? base : base + "/") + id;
  }
}
