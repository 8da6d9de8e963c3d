package health.sihha.hie.provider.aggregation.outbox;

import jakarta.annotation.Nullable;

/**
 * A numbered outbox row of the ministry Subscription.
 *
 * @param attempts failed attempts so far
 * @param outcome why it was parked, if it was
 */
record OutboxEvent(long number, Written write, String state, int attempts, @Nullable String outcome) {

  /** {@code <Type>/<id>}. */
  String resource() {
    return write.type() + "/" + write.id();
  }
}
