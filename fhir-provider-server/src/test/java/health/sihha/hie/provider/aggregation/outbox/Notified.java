package health.sihha.hie.provider.aggregation.outbox;

import health.sihha.hie.provider.DeliveryRecorder;
import health.sihha.hie.provider.DeliveryRecorder.Delivery;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;

/** One notification-event as the recorder received it, with the notification that carried it. */
record Notified(long number, String focus, String type, Bundle notification) {

  /** Every notification-event posted to the ministry's endpoint so far, in the order they came. */
  static List<Notified> all(DeliveryRecorder ministry) {
    List<Notified> events = new ArrayList<>();
    for (Delivery delivery : ministry.deliveries()) {
      if (delivery.path().startsWith("/ingest/")) {
        events.addAll(of(delivery.notification()));
      }
    }
    return events;
  }

  /** The notification-events of {@code notification}. */
  static List<Notified> of(Bundle notification) {
    Parameters status = (Parameters) notification.getEntryFirstRep().getResource();
    String type = typeOf(notification);
    List<Notified> events = new ArrayList<>();
    for (ParametersParameterComponent event : status.getParameter()) {
      if (event.getName().equals("notification-event")) {
        long number = Long.parseLong(part(event, "event-number"));
        String focus = event.getPart().stream().filter(p -> p.getName().equals("focus"))
            .map(p -> ((Reference) p.getValue()).getReference()).findFirst().orElse(null);
        events.add(new Notified(number, focus, type, notification));
      }
    }
    return events;
  }

  /** The notification's type: handshake, heartbeat, event-notification or query-event. */
  static String typeOf(Bundle notification) {
    Parameters status = (Parameters) notification.getEntryFirstRep().getResource();
    return ((PrimitiveType<?>) status.getParameter("type").getValue()).getValueAsString();
  }

  /** The events whose focus is {@code <Type>/<id>/_history/<version>} at the end. */
  static List<Notified> about(DeliveryRecorder ministry, String versionedReference) {
    return all(ministry).stream().filter(e -> e.focus() != null && e.focus().endsWith("/" + versionedReference))
        .toList();
  }

  private static String part(ParametersParameterComponent event, String name) {
    return event.getPart().stream().filter(p -> p.getName().equals(name))
        .map(p -> ((PrimitiveType<?>) p.getValue()).getValueAsString()).findFirst().orElseThrow();
  }
}
