package health.sihha.hie.ministry.replication;

import jakarta.annotation.Nullable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the ministry checks that nothing a provider sent is missing, and asks for what is.
 *
 * @param repairInterval how often gaps in the event numbers are looked for and repaired with {@code $events}
 * @param heartbeatPeriod the providers' {@code backport-heartbeat-period}: a provider not heard from for two of them
 *     is asked for what it numbered since the last event received
 * @param maxRequestsPerRepair {@code $events} calls per feed and repair run, so one provider cannot hold up others
 * @param timeout connection and read timeout of the calls to the token endpoint
 * @param clientId the ministry's Keycloak client, whose client-credentials token (with
 *     {@code sihha.security.enabled}) the providers accept for {@code $events}, searches and history
 * @param clientSecret its secret; without it, and without security, providers are called without a token
 * @param scope the scopes asked for
 * @param reconcileInterval how often every provider and type is reconciled
 * @param reconcilePageSize history entries asked for per page when reconciling
 */
@Validated
@ConfigurationProperties("sihha.ministry.replication")
public record ReplicationProperties(
    @DefaultValue("10s") @NotNull Duration repairInterval,
    @DefaultValue("60s") @NotNull Duration heartbeatPeriod,
    @DefaultValue("20") @Positive int maxRequestsPerRepair,
    @DefaultValue("10s") @NotNull Duration timeout,
    @DefaultValue("ministry") @NotBlank String clientId,
    @Nullable String clientSecret,
    @DefaultValue("system/*.rs") @NotBlank String scope,
    @DefaultValue("1h") @NotNull Duration reconcileInterval,
    @DefaultValue("500") @Positive int reconcilePageSize) {}
