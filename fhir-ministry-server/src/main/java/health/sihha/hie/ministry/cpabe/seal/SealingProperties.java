package health.sihha.hie.ministry.cpabe.seal;

import jakarta.annotation.Nullable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sealing at the ministry (flow 3).
 *
 * @param enabled whether resources are sealed before storage; unsealing of what is already sealed always runs
 * @param rules the rules, first match wins; when not set, {@link SealingRules#DEFAULTS}
 * @param trustedRoles realm roles whose tokens read plaintext like the server itself: the ministry's own service
 *     accounts (other facilities' tokens never reach the national store)
 * @param keyEncryptionKeyCacheSize how many opened headers' key-encryption keys are kept, per user key and header
 * @param encapsulationMaxUses how many envelopes one encapsulation (one ABE header) serves at most, per policy
 * @param encapsulationMaxAge how long one encapsulation serves new envelopes at most
 * @param parallelFrom from how many sealed resources in one response they are opened in parallel
 */
@Validated
@ConfigurationProperties("sihha.ministry.cpabe.sealing")
public record SealingProperties(
    @DefaultValue("true") boolean enabled,
    @Nullable List<@Valid SealingRule> rules,
    @DefaultValue("system") List<String> trustedRoles,
    @DefaultValue("20000") @Min(1) int keyEncryptionKeyCacheSize,
    @DefaultValue("1000") @Min(1) int encapsulationMaxUses,
    @DefaultValue("10m") Duration encapsulationMaxAge,
    @DefaultValue("8") @Min(1) int parallelFrom) {

  public SealingProperties {
    rules = rules == null ? SealingRules.DEFAULTS : List.copyOf(rules);
    trustedRoles = List.copyOf(trustedRoles);
    if (encapsulationMaxAge.isNegative() || encapsulationMaxAge.isZero()) {
      throw new IllegalArgumentException("sihha.ministry.cpabe.sealing.encapsulation-max-age must be positive");
    }
  }
}
