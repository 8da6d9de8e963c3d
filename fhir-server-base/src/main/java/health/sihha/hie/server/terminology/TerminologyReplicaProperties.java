package health.sihha.hie.server.terminology;

import health.sihha.hie.terminology.replica.CodedElementValidationInterceptor.InvalidUnits;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param invalidUnits at a provider, whether a quantity with a malformed UCUM unit is refused or accepted with a
 *     logged warning
 */
@Validated
@ConfigurationProperties("sihha.terminology.replica")
public record TerminologyReplicaProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("http://127.0.0.1:8090/fhir") @NotNull URI sourceUrl,
    @DefaultValue("5m") @NotNull Duration syncInterval,
    @NotNull Path dir,
    @DefaultValue("WARN") @NotNull InvalidUnits invalidUnits) {}
