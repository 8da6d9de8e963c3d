package health.sihha.hie.ministry.witness;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The ministry as witness of the providers' ledgers.
 *
 * @param enabled whether the providers' signed tree heads are collected and checked
 * @param interval how often each provider's latest head is collected
 * @param keys the providers' ledger keys (provider id to base64 SubjectPublicKeyInfo, as {@code $ledger-public-key}
 *     publishes it), pinned out of band; a provider without one is trusted on first use, its key then kept
 */
@Validated
@ConfigurationProperties("sihha.ministry.witness")
public record WitnessProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("60s") @NotNull Duration interval,
    @DefaultValue Map<String, String> keys) {

  public WitnessProperties {
    keys = keys == null ? Map.of() : Map.copyOf(keys);
  }
}
