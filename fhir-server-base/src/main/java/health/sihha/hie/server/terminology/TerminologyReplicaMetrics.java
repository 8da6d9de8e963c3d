package health.sihha.hie.server.terminology;

import health.sihha.hie.terminology.replica.TerminologyReplica;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Instant;

/** Replica freshness as metrics: seconds since the last successful sync (-1 before it) and failed syncs. */
public final class TerminologyReplicaMetrics implements MeterBinder {

  private final TerminologyReplica replica;

  public TerminologyReplicaMetrics(TerminologyReplica replica) {
    this.replica = replica;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("sihha.terminology.replica.age", replica, r -> r.status().ageSeconds(Instant.now()))
        .description("Seconds since the terminology replica last synced with its source")
        .baseUnit("seconds")
        .register(registry);
    FunctionCounter.builder("sihha.terminology.replica.sync.failures", replica, r -> r.status().failures())
        .description("Terminology replica syncs that failed")
        .register(registry);
  }
}
