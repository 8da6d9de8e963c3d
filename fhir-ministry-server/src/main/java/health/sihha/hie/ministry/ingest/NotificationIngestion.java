package health.sihha.hie.ministry.ingest;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.OperationOutcomeUtil;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.ministry.MinistryProperties;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import health.sihha.hie.ministry.ingest.Notification.Event;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Takes a provider's notification (a delivery at {@code /ingest/<provider-id>}, or an answer of its {@code $events}),
 * applies its events ({@link EventApplier}) and answers, per event in order, whether it is held: 200, or the 4xx or
 * 5xx that refused it with its OperationOutcome. Events are applied together, up to {@code batch-size} in one
 * transaction; when a group fails, its events are applied again one by one, so one event's failure leaves the
 * others applied. A Consent goes in a transaction of its own: an opt-out withdraws a patient's data when it is
 * applied, and what follows it is decided on what it left.
 * {@link NotificationObserver}s see every notification read, to follow event numbers and heartbeats.
 */
@Service
public class NotificationIngestion {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationIngestion.class);

  private final MinistryProperties ministry;
  private final EventApplier applier;
  private final FhirContext fhirContext;
  private final MeterRegistry meters;
  private final List<NotificationObserver> observers;
  private final Semaphore concurrent;
  private final int batchSize;

  NotificationIngestion(MinistryProperties ministry, ApplyProperties settings, EventApplier applier,
      FhirContext fhirContext, MeterRegistry meters, List<NotificationObserver> observers) {
    this.ministry = requireNonNull(ministry);
    this.applier = requireNonNull(applier);
    this.fhirContext = requireNonNull(fhirContext);
    this.meters = requireNonNull(meters);
    this.observers = List.copyOf(observers);
    this.concurrent = new Semaphore(settings.maxConcurrent(), true);
    this.batchSize = settings.batchSize();
  }

  /** Applies {@code bundle} from {@code providerId}; the batch-response of the delivery contract. */
  public Bundle receive(String providerId, Bundle bundle) {
    RegisteredProvider provider = registered(providerId);
    Notification notification = NotificationReader.read(bundle, provider);
    Bundle response = new Bundle().setType(BundleType.BATCHRESPONSE);
    Set<Long> settled = new LinkedHashSet<>();
    Set<SourceKey> refused = new HashSet<>();
    for (List<Event> group : groups(notification.events())) {
      for (EventResult result : apply(provider, group, refused)) {
        if (result.status() < 500) {
          settled.add(result.number());
        }
        Bundle.BundleEntryComponent entry = response.addEntry();
        entry.getResponse().setStatus(Integer.toString(result.status()));
        if (result.outcome() != null) {
          entry.getResponse().setOutcome((OperationOutcome) result.outcome());
        }
      }
    }
    observers.forEach(observer -> observer.received(provider, notification, settled));
    return response;
  }

  /** What became of one event: its HTTP status and, when refused, why. */
  private record EventResult(long number, int status, IBaseOperationOutcome outcome) {}

  /** {@code events} in order, cut into the groups applied in one transaction each. */
  private List<List<Event>> groups(List<Event> events) {
    List<List<Event>> groups = new ArrayList<>();
    List<Event> group = new ArrayList<>();
    for (Event event : events) {
      boolean alone = event.change() != null && "Consent".equals(event.change().source().type());
      if (!group.isEmpty() && (alone || group.size() >= batchSize)) {
        groups.add(group);
        group = new ArrayList<>();
      }
      group.add(event);
      if (alone) {
        groups.add(group);
        group = new ArrayList<>();
      }
    }
    if (!group.isEmpty()) {
      groups.add(group);
    }
    return groups;
  }

  /**
   * Applies the changes of {@code group}, except those of a resource in {@code refused} (an earlier version of it
   * in this notification was refused), and adds to {@code refused} the resources of the changes refused now.
   */
  private List<EventResult> apply(RegisteredProvider provider, List<Event> group, Set<SourceKey> refused) {
    List<Event> changes = group.stream()
        .filter(event -> event.change() != null && !refused.contains(event.change().source())).toList();
    if (changes.isEmpty()) {
      return group.stream().map(event -> event.change() == null ? new EventResult(event.number(), 200, null)
          : heldBack(event)).toList();
    }
    try {
      concurrent.acquire();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return group.stream().map(event -> event.change() == null ? new EventResult(event.number(), 200, null)
          : refused(provider, event, new InternalErrorException(Codes.of(1121) + "interrupted", interrupted))).toList();
    }
    try {
      Map<Long, Applied> applied = applyTogether(provider, changes);
      List<EventResult> results = new ArrayList<>(group.size());
      for (Event event : group) {
        if (event.change() == null) {
          results.add(new EventResult(event.number(), 200, null));
          continue;
        }
        SourceKey source = event.change().source();
        EventResult result = refused.contains(source) ? heldBack(event)
            : applied.isEmpty() ? applyAlone(provider, event) : settled(provider, event, applied.get(event.number()));
        if (result.status() >= 300) {
          refused.add(source);
        }
        results.add(result);
      }
      return results;
    } finally {
      concurrent.release();
    }
  }

  /** What each of {@code changes} did, by event number; nothing when one of them failed and all were rolled back. */
  private Map<Long, Applied> applyTogether(RegisteredProvider provider, List<Event> changes) {
    if (changes.size() == 1) {
      return Map.of();
    }
    try {
      List<Applied> applied = applier.applyTogether(provider, changes.stream().map(Event::change).toList());
      Map<Long, Applied> byNumber = new HashMap<>();
      for (int i = 0; i < changes.size(); i++) {
        byNumber.put(changes.get(i).number(), applied.get(i));
      }
      return byNumber;
    } catch (RuntimeException failed) {
      LOG.debug("events {} to {} from {} applied one by one: {}", changes.get(0).number(),
          changes.get(changes.size() - 1).number(), provider.id(), failed.getMessage());
      return Map.of();
    }
  }

  private EventResult applyAlone(RegisteredProvider provider, Event event) {
    try {
      return settled(provider, event, applier.apply(provider, event.change()));
    } catch (BaseServerResponseException refused) {
      return refused(provider, event, refused);
    } catch (RuntimeException unexpected) {
      LOG.error("event {} from {} ({}) failed", event.number(), provider.id(), event.change().source(), unexpected);
      return refused(provider, event, new InternalErrorException(Codes.of(1121) + "event " + event.number()
          + " could not be applied: " + unexpected.getMessage(), unexpected));
    }
  }

  private EventResult settled(RegisteredProvider provider, Event event, Applied applied) {
    count(provider.id(), event.change().source().type(), applied.tag());
    if (event.committed() != null && applied != Applied.UNCHANGED) {
      lag(provider.id()).record(Duration.between(event.committed(), Instant.now()));
    }
    return new EventResult(event.number(), 200, null);
  }

  /**
   * A later version of a resource whose earlier version in the same notification was refused: 409, which the
   * provider sends again after the earlier one is delivered, so versions are never applied over a refused one.
   */
  private EventResult heldBack(Event event) {
    IBaseOperationOutcome outcome = OperationOutcomeUtil.newInstance(fhirContext);
    OperationOutcomeUtil.addIssue(fhirContext, outcome, "error", Codes.of(1127) + "version "
        + event.change().version() + " of " + event.change().source().type() + "/" + event.change().source().id()
        + " not applied: an earlier version of it in this notification was refused", null, "conflict");
    return new EventResult(event.number(), 409, outcome);
  }

  private EventResult refused(RegisteredProvider provider, Event event, BaseServerResponseException refused) {
    count(provider.id(), event.change().source().type(), "refused");
    LOG.warn("event {} from {} ({}) refused: {}", event.number(), provider.id(), event.change().source(),
        refused.getMessage());
    IBaseOperationOutcome outcome = OperationOutcomeUtil.newInstance(fhirContext);
    OperationOutcomeUtil.addIssue(fhirContext, outcome, "error", refused.getMessage(), null, "processing");
    return new EventResult(event.number(), refused.getStatusCode(), outcome);
  }

  private RegisteredProvider registered(String providerId) {
    if (providerId == null || providerId.isBlank()) {
      throw new InvalidRequestException(Codes.of(1117)
          + "the ingestion URL must name the provider: <ministry>/ingest/<provider-id>");
    }
    return ministry.provider(providerId).orElseThrow(() -> new ForbiddenOperationException(
        Codes.of(1118) + "provider '" + providerId + "' is not registered at the ministry"));
  }

  private void count(String providerId, String type, String outcome) {
    meters.counter("sihha.ingest.resources", "provider", providerId, "type", type, "outcome", outcome).increment();
  }

  private Timer lag(String providerId) {
    return Timer.builder("sihha.ingest.replication.lag")
        .description("from the commit of a write at the provider to its application at the ministry")
        .tag("provider", providerId)
        .publishPercentiles(0.5, 0.95, 0.99)
        .register(meters);
  }
}
