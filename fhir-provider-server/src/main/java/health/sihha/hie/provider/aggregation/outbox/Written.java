package health.sihha.hie.provider.aggregation.outbox;

import jakarta.annotation.Nullable;
import java.time.Instant;

/**
 * One write of an aggregated resource, as the outbox keeps it.
 *
 * @param json the resource as written; none for a delete
 */
record Written(String type, String id, long version, Operation operation, Instant writtenAt, @Nullable String json) {}
