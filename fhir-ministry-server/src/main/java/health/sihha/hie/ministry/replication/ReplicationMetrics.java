package health.sihha.hie.ministry.replication;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** The replication meters: last event number per feed, gaps detected and repaired, reconciliation differences. */
@Component
class ReplicationMetrics {

  private final MeterRegistry meters;
  private final Map<String, AtomicLong> lastEvents = new ConcurrentHashMap<>();

  ReplicationMetrics(MeterRegistry meters) {
    this.meters = requireNonNull(meters);
  }

  void lastEvent(String provider, String subscription, long number) {
    lastEvents.computeIfAbsent(provider + "/" + subscription, key -> {
      AtomicLong last = new AtomicLong();
      Gauge.builder("sihha.ingest.event.last", last, AtomicLong::get)
          .description("the highest event number received from the provider's Subscription")
          .tag("provider", provider).tag("subscription", subscription).register(meters);
      return last;
    }).accumulateAndGet(number, Math::max);
  }

  void gapDetected(String provider, long events) {
    meters.counter("sihha.ingest.gaps.detected", "provider", provider).increment(events);
  }

  void gapRepaired(String provider, long events) {
    meters.counter("sihha.ingest.gaps.repaired", "provider", provider).increment(events);
  }

  void reconciled(String provider, String type, String difference, long count) {
    meters.counter("sihha.reconcile.differences", "provider", provider, "type", type, "difference", difference)
        .increment(count);
  }
}
