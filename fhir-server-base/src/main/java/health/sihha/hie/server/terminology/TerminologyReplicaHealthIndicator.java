package health.sihha.hie.server.terminology;

import health.sihha.hie.terminology.replica.ReplicaStatus;
import health.sihha.hie.terminology.replica.TerminologyReplica;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Health contributor {@code terminologyReplica}: OUT_OF_SERVICE until the replica has read its folder (it is part of
 * readiness, so no write is taken before codes can be checked), then UP, since the replica serves what it holds while
 * its source is down; the details say how fresh it is.
 */
public final class TerminologyReplicaHealthIndicator implements HealthIndicator {

  private final TerminologyReplica replica;

  public TerminologyReplicaHealthIndicator(TerminologyReplica replica) {
    this.replica = replica;
  }

  @Override
  public Health health() {
    ReplicaStatus status = replica.status();
    Health.Builder health = (status.loaded() ? Health.up() : Health.outOfService())
        .withDetail("source", status.source())
        .withDetail("lastSync", status.lastSuccess() == null ? "never" : status.lastSuccess().toString())
        .withDetail("ageSeconds", status.ageSeconds(Instant.now()))
        .withDetail("lastSyncMillis", status.lastDuration() == null ? -1 : status.lastDuration().toMillis())
        .withDetail("lastFetched", status.lastFetched())
        .withDetail("failures", status.failures())
        .withDetail("codeSystems", status.codeSystems())
        .withDetail("valueSets", status.valueSets())
        .withDetail("conceptMaps", status.conceptMaps());
    if (status.lastError() != null) {
      health.withDetail("lastError", status.lastError());
    }
    return health.build();
  }
}
