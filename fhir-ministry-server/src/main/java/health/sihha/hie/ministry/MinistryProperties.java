package health.sihha.hie.ministry;

import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ministry's settings.
 *
 * @param name display name of the national store
 * @param providers the providers allowed to deliver, each with the FHIR base its resources come from
 * @param ingestedTypes resource types the ingestion endpoint accepts
 * @param readerRoles with {@code sihha.security.enabled}, the realm roles of the people who may read the national
 *     store (service accounts, realm role {@code system}, need no reader role, only {@code system/} read scopes)
 * @param ingestionAudience the audience of delivery tokens: the public URL of {@code /ingest}, which tokens for the
 *     national store ({@code sihha.security.audience}) do not name
 */
@Validated
@ConfigurationProperties("sihha.ministry")
public record MinistryProperties(
    @DefaultValue("Ministry of Health") @NotBlank String name,
    @NotEmpty List<@Valid RegisteredProvider> providers,
    @DefaultValue({
      "Patient", "Practitioner", "Organization", "Location", "Encounter", "Condition", "Observation",
      "DiagnosticReport", "MedicationRequest", "Procedure", "Immunization", "AllergyIntolerance", "Consent"
    })
    @NotEmpty List<String> ingestedTypes,
    @DefaultValue({"ministry-analyst", "epidemiologist", "registry-steward", "physician"})
    @NotEmpty List<String> readerRoles,
    @NotBlank String ingestionAudience) {

  public MinistryProperties {
    providers = List.copyOf(providers);
    ingestedTypes = List.copyOf(ingestedTypes);
    readerRoles = List.copyOf(readerRoles);
  }

  /** The registered provider with this id. */
  public Optional<RegisteredProvider> provider(String id) {
    return providers.stream().filter(p -> p.id().equals(id)).findFirst();
  }

  /**
   * A provider known to the ministry.
   *
   * @param id the provider's id, as in its own {@code sihha.provider.id}
   * @param name its display name
   * @param fhirBase the provider's FHIR base URL, recorded as the source of what it delivers
   * @param clientId the Keycloak client the provider server delivers with; its id when not set
   */
  public record RegisteredProvider(
      @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,32}") String id, @NotBlank String name, @NotNull URI fhirBase,
      @Nullable String clientId) {

    /** The Keycloak client whose tokens deliver for this provider. */
    public String client() {
      return clientId != null ? clientId : id;
    }
  }
}
