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
import java.util.LinkedHashSet;
import java.util.List;
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
 * applies each event on its own ({@link EventApplier}) and answers, per event in order, whether it is held: 200, or
 * the 4xx or 5xx that refused it with its OperationOutcome. One event's failure leaves the others applied.
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

  NotificationIngestion(MinistryProperties ministry, ApplyProperties settings, EventApplier applier,
      FhirContext fhirContext, MeterRegistry meters, List<NotificationObserver> observers) {
    this.ministry = requireNonNull(ministry);
    this.applier = requireNonNull(applier);
    this.fhirContext = requireNonNull(fhirContext);
    this.meters = requireNonNull(meters);
    this.observers = List.copyOf(observers);
    this.concurrent = new Semaphore(settings.maxConcurrent(), true);
  }

  /** Applies {@code bundle} from {@code providerId}; the batch-response of the delivery contract. */
  public Bundle receive(String providerId, Bundle bundle) {
    RegisteredProvider provider = registered(providerId);
    Notification notification = NotificationReader.read(bundle, provider);
    Bundle response = new Bundle().setType(BundleType.BATCHRESPONSE);
    Set<Long> settled = new LinkedHashSet<>();
    for (Event event : notification.events()) {
      EventResult result = apply(provider, event);
      if (result.status() < 500) {
        settled.add(event.number());
      }
      Bundle.BundleEntryComponent entry = response.addEntry();
      entry.getResponse().setStatus(Integer.toString(result.status()));
      if (result.outcome() != null) {
        entry.getResponse().setOutcome((OperationOutcome) result.outcome());
      }
    }
    observers.forEach(observer -> observer.received(provider, notification, settled));
    return response;
  }

  /** What became of one event: its HTTP status and, when refused, why. */
  private record EventResult(long number, int status, IBaseOperationOutcome outcome) {}

  private EventResult apply(RegisteredProvider provider, Event event) {
    if (event.change() == null) {
      return new EventResult(event.number(), 200, null);
    }
    String type = event.change().source().type();
    try {
      concurrent.acquire();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return refused(provider, event, new InternalErrorException(Codes.of(1121) + "interrupted", interrupted));
    }
    try {
      Applied applied = applier.apply(provider, event.change());
      count(provider.id(), type, applied.tag());
      if (event.committed() != null && applied != Applied.UNCHANGED) {
        lag(provider.id()).record(Duration.between(event.committed(), Instant.now()));
      }
      return new EventResult(event.number(), 200, null);
    } catch (BaseServerResponseException refused) {
      return refused(provider, event, refused);
    } catch (RuntimeException unexpected) {
      LOG.error("event {} from {} ({}) failed", event.number(), provider.id(), event.change().source(), unexpected);
      return refused(provider, event, new InternalErrorException(Codes.of(1121) + "event " + event.number()
          + " could not be applied: " + unexpected.getMessage(), unexpected));
    } finally {
      concurrent.release();
    }
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
