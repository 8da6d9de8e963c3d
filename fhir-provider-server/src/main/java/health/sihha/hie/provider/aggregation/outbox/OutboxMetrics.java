package health.sihha.hie.provider.aggregation.outbox;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The outbox on the Prometheus endpoint: {@code sihha.outbox.undelivered} (rows not delivered yet, numbered or not),
 * {@code sihha.outbox.parked}, {@code sihha.outbox.last.event.number} per Subscription, and
 * {@code sihha.outbox.delivery.lag}, the time from a write to the consumer's {@code 2xx} for it.
 */
final class OutboxMetrics {

  private final Timer lag;

  OutboxMetrics(MeterRegistry meters, OutboxStore outbox) {
    Gauge.builder("sihha.outbox.undelivered", outbox, OutboxStore::undelivered)
        .description("outbox rows not delivered yet").register(meters);
    Gauge.builder("sihha.outbox.parked", outbox, OutboxStore::parkedCount)
        .description("events the consumer refused, waiting for $retry").register(meters);
    Gauge.builder("sihha.outbox.last.event.number", outbox,
            store -> store.subscription(MinistrySubscription.ID).map(SubscriptionState::lastNumber).orElse(0L))
        .tag("subscription", MinistrySubscription.ID)
        .description("the highest event number given").register(meters);
    lag = Timer.builder("sihha.outbox.delivery.lag")
        .description("from the write to the consumer's 2xx")
        .publishPercentiles(0.5, 0.95, 0.99)
        .publishPercentileHistogram()
        .register(meters);
  }

  void delivered(Duration sinceWrite) {
    lag.record(sinceWrite);
  }
}
