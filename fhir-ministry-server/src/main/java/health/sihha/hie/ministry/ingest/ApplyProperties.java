package health.sihha.hie.ministry.ingest;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the ministry applies delivered events.
 *
 * @param maxConcurrent events applied at once by this instance; each holds a database connection for its
 *     transaction, so this stays below the connection pool ({@code spring.datasource.hikari.maximum-pool-size})
 * @param attempts tries of one event when the database reports a conflict (a deadlock, a concurrent insert of a
 *     shared row); each try locks and checks the version again
 * @param batchSize events of one notification applied in one transaction; more makes fewer, longer transactions,
 *     each holding its rows' locks and a connection for longer
 */
@Validated
@ConfigurationProperties("sihha.ministry.apply")
public record ApplyProperties(@DefaultValue("8") @Positive int maxConcurrent, @DefaultValue("5") @Positive int attempts,
    @DefaultValue("50") @Positive int batchSize) {}
