package health.sihha.hie.provider.audit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The provider's audit trail and its access log.
 *
 * @param privacyOfficerRole the realm role that may read any patient's access log at this facility
 * @param accessLogLimit the most entries {@code $access-log} returns by default (the latest first)
 * @param accessLogMax the most entries {@code $access-log} returns when asked for more with {@code _count}
 */
@Validated
@ConfigurationProperties("sihha.provider.audit")
record AuditProperties(
    @DefaultValue("privacy-officer") @NotBlank String privacyOfficerRole,
    @DefaultValue("100") @Positive int accessLogLimit,
    @DefaultValue("1000") @Positive @Max(10_000) int accessLogMax) {}
