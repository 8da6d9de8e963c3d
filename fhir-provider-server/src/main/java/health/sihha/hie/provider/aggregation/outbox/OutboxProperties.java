package health.sihha.hie.provider.aggregation.outbox;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox delivers this provider's changes to the ministry (see AGGREGATION.md).
 *
 * @param poll how often the dispatcher numbers new rows and delivers
 * @param maxCount events per notification ({@code backport-max-count})
 * @param backoffInitial the wait after a first failed delivery; it doubles with each failure
 * @param backoffMax the longest wait between attempts; the dispatcher never gives up
 * @param heartbeatPeriod a heartbeat goes when nothing was sent for this long
 * @param timeout how long one notification may take ({@code backport-timeout})
 * @param retention how long delivered events stay answerable by {@code $events}
 * @param lease how long a replica holds the right to deliver without renewing it
 * @param fhirBase this provider's public FHIR base, used in focus references and fullUrls
 */
@Validated
@ConfigurationProperties("sihha.provider.outbox")
public record OutboxProperties(
    @DefaultValue("200ms") @NotNull Duration poll,
    @DefaultValue("100") @Positive int maxCount,
    @DefaultValue("1s") @NotNull Duration backoffInitial,
    @DefaultValue("30s") @NotNull Duration backoffMax,
    @DefaultValue("60s") @NotNull Duration heartbeatPeriod,
    @DefaultValue("30s") @NotNull Duration timeout,
    @DefaultValue("P7D") @NotNull Period retention,
    @DefaultValue("60s") @NotNull Duration lease,
    @DefaultValue("http://127.0.0.1:8081/fhir") @NotNull URI fhirBase) {

  /** The wait before attempt {@code failures + 1}: {@code backoffInitial} doubled per earlier failure, capped. */
  Duration backoff(int failures) {
    Duration wait = backoffInitial;
    for (int i = 1; i < failures && wait.compareTo(backoffMax) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
  }

  /** {@link #fhirBase} without a trailing slash. */
  String base() {
    String base = fhirBase.toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }
}
