package health.sihha.hie.provider.aggregation.outbox;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.Codes;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code $status}, {@code $events}, {@code $parked} and {@code $retry} on the outbox's Subscription, so the
 * ministry can check and repair its feed and the facility's admins can see and release a backlog.
 */
final class SubscriptionOperations {

  private static final String FULL_RESOURCE = "full-resource";

  private final OutboxReports reports;

  SubscriptionOperations(OutboxReports reports) {
    this.reports = requireNonNull(reports);
  }

  @Operation(name = "$status", idempotent = true, typeName = "Subscription")
  public Bundle status(@IdParam IdType id) {
    checkOutboxSubscription(id);
    return reports.status();
  }

  @Operation(name = "$events", idempotent = true, typeName = "Subscription")
  public Bundle events(@IdParam IdType id,
      @OperationParam(name = "eventsSinceNumber", max = 1) StringType since,
      @OperationParam(name = "eventsUntilNumber", max = 1) StringType until,
      @OperationParam(name = "content", max = 1) CodeType content) {
    checkOutboxSubscription(id);
    if (content != null && !FULL_RESOURCE.equals(content.getValue())) {
      throw new InvalidRequestException(Codes.of(1092) + "content " + content.getValue()
          + " is not offered: this Subscription delivers full-resource");
    }
    return reports.events(number("eventsSinceNumber", since).orElse(1L), number("eventsUntilNumber", until));
  }

  @Operation(name = "$parked", idempotent = true, typeName = "Subscription")
  public Parameters parked(@IdParam IdType id) {
    checkOutboxSubscription(id);
    return reports.parked();
  }

  @Operation(name = "$retry", typeName = "Subscription")
  public Parameters retry(@IdParam IdType id, @OperationParam(name = "eventNumber", max = 1) StringType number) {
    checkOutboxSubscription(id);
    return reports.retry(number("eventNumber", number));
  }

  private static void checkOutboxSubscription(IdType id) {
    if (!MinistrySubscription.ID.equals(id.getIdPart())) {
      throw new ResourceNotFoundException(Codes.of(1090) + "Subscription/" + id.getIdPart()
          + " is not delivered by the outbox; only Subscription/" + MinistrySubscription.ID + " is");
    }
  }

  private static Optional<Long> number(String name, StringType value) {
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    try {
      long number = Long.parseLong(value.getValue().trim());
      if (number >= 1) {
        return Optional.of(number);
      }
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(Codes.of(1091) + name + " must be an event number (1, 2, ...), not "
          + value.getValue(), e);
    }
    throw new InvalidRequestException(Codes.of(1091) + name + " must be an event number (1, 2, ...), not "
        + value.getValue());
  }
}
