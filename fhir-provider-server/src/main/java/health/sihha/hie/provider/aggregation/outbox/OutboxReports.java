package health.sihha.hie.provider.aggregation.outbox;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.provider.aggregation.outbox.Notifications.Type;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/** What the Subscription operations answer: its status, its events again, its parked events, and their release. */
final class OutboxReports {

  /** The most events one {@code $events} answers; the caller asks again from the last it got. */
  static final int MAX_EVENTS = 1000;

  private final OutboxStore outbox;
  private final Notifications notifications;
  private final Supplier<Predicate<OutboxEvent>> shared;
  private final String base;

  OutboxReports(OutboxStore outbox, Notifications notifications, Supplier<Predicate<OutboxEvent>> shared,
      String base) {
    this.outbox = requireNonNull(outbox);
    this.notifications = requireNonNull(notifications);
    this.shared = requireNonNull(shared);
    this.base = requireNonNull(base);
  }

  /** A searchset whose one entry is the status {@code Parameters} ({@code query-status}). */
  Bundle status() {
    SubscriptionState state = state();
    Bundle bundle = new Bundle().setType(BundleType.SEARCHSET);
    bundle.setTimestamp(new Date());
    bundle.setTotal(1);
    Parameters status = notifications.status(Type.QUERY_STATUS, state.id(), state.status(), state.lastNumber());
    if (state.error() != null && OutboxDispatcher.ERROR.equals(state.status())) {
      status.addParameter().setName("error").setValue(new StringType(state.error()));
    }
    bundle.addEntry().setResource(status);
    return bundle;
  }

  /**
   * The events numbered {@code since} to {@code until} (at most {@link #MAX_EVENTS} of them), as a
   * {@code query-event} notification.
   *
   * @throws ResourceGoneException when some of them are older than the retention and forgotten
   */
  Bundle events(long since, Optional<Long> until) {
    SubscriptionState state = state();
    long last = Math.min(until.orElse(state.lastNumber()), Math.min(state.lastNumber(), since + MAX_EVENTS - 1));
    List<OutboxEvent> events = since > last ? List.of() : outbox.events(since, last);
    if (since <= last && events.size() != last - since + 1) {
      throw new ResourceGoneException(Codes.of(1093) + "events before "
          + outbox.oldestNumber().map(String::valueOf).orElse(String.valueOf(state.lastNumber() + 1))
          + " are no longer kept (retention); reconcile with _history instead");
    }
    return notifications.notification(Type.QUERY_EVENT, state.id(), state.lastNumber(), events, shared);
  }

  /** One {@code event} per parked event: its number, focus, when it was written, and why it was refused. */
  Parameters parked() {
    Parameters parked = new Parameters();
    for (OutboxEvent event : outbox.parked()) {
      ParametersParameterComponent part = parked.addParameter().setName("event");
      part.addPart().setName("event-number").setValue(new StringType(Long.toString(event.number())));
      part.addPart().setName("timestamp").setValue(new InstantType(Date.from(event.write().writtenAt())));
      part.addPart().setName("focus")
          .setValue(new Reference(base + "/" + event.resource() + "/_history/" + event.write().version()));
      part.addPart().setName("outcome").setValue(new StringType(event.outcome()));
    }
    return parked;
  }

  /** Puts the parked event {@code number}, or all of them, back in line; how many. */
  Parameters retry(Optional<Long> number) {
    Parameters released = new Parameters();
    released.addParameter().setName("released").setValue(new IntegerType(outbox.release(number)));
    return released;
  }

  private SubscriptionState state() {
    return outbox.subscription(MinistrySubscription.ID).orElseThrow();
  }
}
