package health.sihha.hie.ministry.cpabe.rewrap;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The re-wrap job that moves sealed content to a new key epoch.
 *
 * @param enabled whether this instance works on the job in the background (off: it only records jobs)
 * @param pollInterval how often an idle instance looks for a job to claim, e.g. one left by a stopped instance
 * @param batchSize resources read per step; the progress is recorded after each step
 * @param lease how long a claim holds without being renewed; another instance takes the job over after it
 */
@Validated
@ConfigurationProperties("sihha.ministry.cpabe.rewrap")
public record RewrapProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("30s") @NotNull Duration pollInterval,
    @DefaultValue("100") @Min(1) @Max(10_000) int batchSize,
    @DefaultValue("2m") @NotNull Duration lease) {}
