package health.sihha.hie.provider.aggregation.outbox;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.provider.aggregation.outbox.MinistryChannel.Answer;
import health.sihha.hie.provider.aggregation.outbox.MinistryChannel.EventAnswer;
import health.sihha.hie.provider.aggregation.outbox.Notifications.Type;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The scheduled worker of the outbox: numbers the committed rows, and, in the one replica holding the
 * Subscription's lease, makes the handshake, delivers the next notification or a heartbeat, and records the
 * consumer's answer per event: {@code 2xx} delivered, {@code 4xx} other than 408, 409 and 429 parked, anything else
 * retried after a backoff that doubles up to {@code backoff-max}, without end.
 */
final class OutboxDispatcher {

  static final String REQUESTED = "requested";
  static final String ACTIVE = "active";
  static final String ERROR = "error";

  private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
  private static final Duration PURGE_EVERY = Duration.ofHours(1);

  private final OutboxStore outbox;
  private final EventNumbering numbering;
  private final TransactionTemplate transactions;
  private final MinistryChannel channel;
  private final Notifications notifications;
  private final MinistrySubscription subscription;
  private final Supplier<Predicate<OutboxEvent>> shared;
  private final OutboxProperties properties;
  private final OutboxMetrics metrics;
  private final Clock clock;
  private final String owner;
  private Instant purgedAt = Instant.MIN;

  OutboxDispatcher(OutboxStore outbox, EventNumbering numbering, TransactionTemplate transactions,
      MinistryChannel channel, Notifications notifications, MinistrySubscription subscription,
      Supplier<Predicate<OutboxEvent>> shared, OutboxProperties properties, OutboxMetrics metrics, Clock clock,
      String owner) {
    this.outbox = requireNonNull(outbox);
    this.numbering = requireNonNull(numbering);
    this.transactions = requireNonNull(transactions);
    this.channel = requireNonNull(channel);
    this.notifications = requireNonNull(notifications);
    this.subscription = requireNonNull(subscription);
    this.shared = requireNonNull(shared);
    this.properties = requireNonNull(properties);
    this.metrics = requireNonNull(metrics);
    this.clock = requireNonNull(clock);
    this.owner = requireNonNull(owner);
  }

  /**
   * One round. Whatever fails (the database, the Subscription's write racing another replica's) is tried again at
   * the next round: an exception leaving here would end the worker's schedule.
   */
  void run() {
    try {
      while (numbering.numberWaiting() > 0) {
        LOG.trace("numbered a batch");
      }
      deliverIfLeaseHeld();
      purgeOld();
    } catch (DataAccessException e) {
      LOG.warn("outbox round failed, retried at the next: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("outbox round failed, retried at the next", e);
    }
  }

  private void deliverIfLeaseHeld() {
    Instant now = clock.instant();
    if (!outbox.lease(MinistrySubscription.ID, owner, now, now.plus(properties.lease()))) {
      return;
    }
    SubscriptionState state = outbox.subscription(MinistrySubscription.ID).orElseThrow();
    if (state.retryAt() != null && now.isBefore(state.retryAt())) {
      return;
    }
    if (REQUESTED.equals(state.status())) {
      signal(state, Type.HANDSHAKE);
      return;
    }
    List<OutboxEvent> batch = consecutive(outbox.deliverable(now, properties.maxCount()));
    if (!batch.isEmpty()) {
      deliver(state, batch);
    } else if (state.lastSentAt() == null || !now.isBefore(state.lastSentAt().plus(properties.heartbeatPeriod()))) {
      signal(state, Type.HEARTBEAT);
    }
  }

  /** A handshake or a heartbeat: no events, only the count. */
  private void signal(SubscriptionState state, Type type) {
    Bundle bundle = notifications.notification(type, state.id(), state.lastNumber(), List.of(), shared);
    Answer answer = channel.post(bundle, 0);
    if (answer.ok()) {
      succeeded(state);
    } else {
      failed(state, type == Type.HANDSHAKE ? REQUESTED : ERROR, answer.failure());
    }
  }

  private void deliver(SubscriptionState state, List<OutboxEvent> batch) {
    Bundle bundle = notifications.notification(Type.EVENT_NOTIFICATION, state.id(), state.lastNumber(), batch,
        shared);
    Answer answer = channel.post(bundle, batch.size());
    if (!answer.ok()) {
      failed(state, ERROR, answer.failure());
      return;
    }
    Instant now = clock.instant();
    transactions.executeWithoutResult(status -> {
      for (int i = 0; i < batch.size(); i++) {
        record(batch.get(i), answer.events().get(i), now);
      }
    });
    succeeded(state);
  }

  private void record(OutboxEvent event, EventAnswer answer, Instant now) {
    int status = answer.status();
    if (status >= 200 && status < 300) {
      outbox.delivered(event.number(), now);
      metrics.delivered(Duration.between(event.write().writtenAt(), now));
    } else if (status >= 400 && status < 500 && status != 408 && status != 409 && status != 429) {
      outbox.park(event.number(), answer.outcome());
      LOG.warn("event {} ({}/_history/{}) parked: the ministry answered {}", event.number(), event.resource(),
          event.write().version(), answer.outcome());
    } else {
      int attempts = event.attempts() + 1;
      outbox.retryLater(event.number(), attempts, now.plus(properties.backoff(attempts)), answer.outcome());
    }
  }

  private void succeeded(SubscriptionState state) {
    outbox.sent(state.id(), ACTIVE, clock.instant());
    if (!ACTIVE.equals(state.status())) {
      LOG.info("Subscription/{} is active: {} answered", state.id(), channel.endpoint());
      subscription.ensure(outbox.subscription(state.id()).orElseThrow());
    }
  }

  private void failed(SubscriptionState state, String status, String reason) {
    int failures = state.failures() + 1;
    Duration wait = properties.backoff(failures);
    outbox.failed(state.id(), status, reason, failures, clock.instant().plus(wait));
    LOG.warn("notification to {} failed ({} in a row), next attempt in {}: {}", channel.endpoint(), failures, wait,
        reason);
    if (!status.equals(state.status())) {
      subscription.ensure(outbox.subscription(state.id()).orElseThrow());
    }
  }

  /** The leading run of {@code events} with consecutive numbers: a notification never skips a number. */
  static List<OutboxEvent> consecutive(List<OutboxEvent> events) {
    List<OutboxEvent> run = new ArrayList<>();
    for (OutboxEvent event : events) {
      if (!run.isEmpty() && event.number() != run.get(run.size() - 1).number() + 1) {
        break;
      }
      run.add(event);
    }
    return run;
  }

  private void purgeOld() {
    Instant now = clock.instant();
    if (now.isBefore(purgedAt.plus(PURGE_EVERY))) {
      return;
    }
    purgedAt = now;
    int purged = outbox.purge(now.minus(properties.retention()));
    if (purged > 0) {
      LOG.info("{} delivered events older than {} forgotten", purged, properties.retention());
    }
  }
}
