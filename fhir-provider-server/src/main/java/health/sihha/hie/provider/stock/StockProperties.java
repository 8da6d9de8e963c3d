package health.sihha.hie.provider.stock;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Medication stock settings.
 *
 * @param alertCron when the stock alert job runs (Spring cron: second minute hour day month weekday)
 * @param defaultReorderLevel stock below this raises a low-stock Flag, unless the Medication has its own
 *     reorder-level extension
 * @param expiryWarning a batch expiring within this window raises a near-expiry Flag
 * @param zone the time zone of "today": dispenses without a date, expiry and the alert job's schedule
 */
@Validated
@ConfigurationProperties("sihha.provider.stock")
record StockProperties(
    @DefaultValue("0 0 6 * * *") @NotBlank String alertCron,
    @DefaultValue("10") @NotNull @PositiveOrZero BigDecimal defaultReorderLevel,
    @DefaultValue("30d") @NotNull Duration expiryWarning,
    @DefaultValue("UTC") @NotNull ZoneId zone) {}
