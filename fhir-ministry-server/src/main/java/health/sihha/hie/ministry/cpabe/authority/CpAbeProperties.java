package health.sihha.hie.ministry.cpabe.authority;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ministry's attribute authority.
 *
 * @param masterKeyFile where the master key is kept, outside the database; created (owner-only) on first start
 * @param keyCacheSize how many user keys are kept, per subject, attributes and epoch
 * @param epochRefresh how long an instance trusts the key epoch it read, so that an epoch moved forward by another
 *     ministry instance is used within this delay
 */
@Validated
@ConfigurationProperties("sihha.ministry.cpabe")
public record CpAbeProperties(
    @NotNull Path masterKeyFile,
    @DefaultValue("10000") @Min(1) int keyCacheSize,
    @DefaultValue("10s") @NotNull Duration epochRefresh) {}
