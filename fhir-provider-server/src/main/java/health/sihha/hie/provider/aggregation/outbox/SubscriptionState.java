package health.sihha.hie.provider.aggregation.outbox;

import jakarta.annotation.Nullable;
import java.time.Instant;

/**
 * The dispatcher's record of one Subscription.
 *
 * @param lastNumber the highest event number given so far
 * @param status {@code requested}, {@code active} or {@code error}
 * @param failures whole notifications failed in a row
 * @param retryAt no notification before this, after a failure
 * @param lastSentAt when a notification last went through
 */
record SubscriptionState(String id, long lastNumber, String status, @Nullable String error, int failures,
    @Nullable Instant retryAt, @Nullable Instant lastSentAt) {}
