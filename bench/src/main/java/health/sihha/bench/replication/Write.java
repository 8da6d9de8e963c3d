package health.sihha.bench.replication;

import java.time.Instant;

/** One write accepted by a provider: the version it made and the provider's time of that version. */
record Write(String provider, String type, String id, long version, Instant at) {}
