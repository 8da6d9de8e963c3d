package health.sihha.hie.server.terminology;

import health.sihha.hie.terminology.replica.CodedElementValidationInterceptor.InvalidUnits;
import health.sihha.hie.terminology.replica.ReplicaCredentials;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.ResourceType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The local replica of the national terminology server.
 *
 * @param enabled whether this server keeps a replica (and checks coded elements on writes)
 * @param sourceUrl the FHIR base of the terminology server to follow
 * @param syncInterval how often to sync after the first sync at start-up
 * @param dir where the replica is kept; {@code ${sihha.fhir.data-dir}/terminology} by default
 * @param resourceTypes what is followed: code systems and value sets by default, which is what validation uses; add
 *     ConceptMap to follow the concept maps too (the NDC → RxNorm map alone has 222k mappings)
 * @param invalidUnits at a provider, whether a quantity with a malformed UCUM unit is refused or accepted with a
 *     logged warning
 * @param clientId the confidential client whose client-credentials tokens the replica sends to its source: this
 *     server's own ({@code ${sihha.security.facility}} by default, e.g. {@code provider-a})
 * @param clientSecret that client's secret; without one the replica sends no token (for a source with security off)
 * @param tokenEndpoint where tokens come from: {@code ${sihha.security.issuer}/protocol/openid-connect/token} by
 *     default
 * @param scope the scope asked for (the terminology server takes any valid token)
 */
@Validated
@ConfigurationProperties("sihha.terminology.replica")
public record TerminologyReplicaProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("http://127.0.0.1:8090/fhir") @NotNull URI sourceUrl,
    @DefaultValue("5m") @NotNull Duration syncInterval,
    @NotNull Path dir,
    @DefaultValue({"CodeSystem", "ValueSet"}) @NotEmpty List<ResourceType> resourceTypes,
    @DefaultValue("WARN") @NotNull InvalidUnits invalidUnits,
    @Nullable String clientId,
    @Nullable String clientSecret,
    @Nullable URI tokenEndpoint,
    @DefaultValue("system/*.rs") @NotBlank String scope) {

  public TerminologyReplicaProperties {
    resourceTypes = List.copyOf(resourceTypes);
  }

  /** The replica's credentials, when a client secret is configured. */
  public Optional<ReplicaCredentials> credentials() {
    if (clientSecret == null || clientSecret.isBlank()) {
      return Optional.empty();
    }
    if (clientId == null || clientId.isBlank() || tokenEndpoint == null) {
      throw new IllegalStateException("sihha.terminology.replica.client-secret is set, so client-id and"
          + " token-endpoint must be too");
    }
    return Optional.of(new ReplicaCredentials(tokenEndpoint, clientId, clientSecret, scope));
  }
}
