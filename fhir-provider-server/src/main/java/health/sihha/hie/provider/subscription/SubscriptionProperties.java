package health.sihha.hie.provider.subscription;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where this provider's Subscriptions may deliver, and how often the ones it manages are checked.
 *
 * @param allowedEndpoints regular expressions a rest-hook endpoint may match whole, besides the ministry's ingestion
 *     endpoint of this provider, which is always allowed; none by default
 * @param checkEvery how often the ministry Subscriptions are compared with what they should be and restored
 */
@Validated
@ConfigurationProperties("sihha.provider.subscriptions")
public record SubscriptionProperties(
    @DefaultValue({}) @NotNull List<String> allowedEndpoints,
    @DefaultValue("60s") @NotNull Duration checkEvery) {

  public SubscriptionProperties {
    allowedEndpoints = List.copyOf(allowedEndpoints);
  }
}
