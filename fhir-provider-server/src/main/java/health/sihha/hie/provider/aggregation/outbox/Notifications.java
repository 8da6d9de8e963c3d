package health.sihha.hie.provider.aggregation.outbox;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.interceptors.ledger.canonical.ResourceHasher;
import health.sihha.hie.interceptors.ledger.canonical.VersionHashExtension;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * The backport notification bundles of AGGREGATION.md: a {@code history} Bundle whose first entry is the status
 * {@code Parameters}, then one entry per event whose content goes to the consumer. An entry with content carries the
 * version's hashes ({@link VersionHashExtension}): the salted one its ledger entry holds and the unsalted one, with
 * which the consumer checks that it received what was written.
 */
final class Notifications {

  static final String TOPIC = "https://sihha.health/fhir/SubscriptionTopic/national-aggregation";
  static final String STATUS_PROFILE =
      "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4";

  /** The notification types of the backport IG. */
  enum Type {
    HANDSHAKE("handshake"), HEARTBEAT("heartbeat"), EVENT_NOTIFICATION("event-notification"),
    QUERY_EVENT("query-event"), QUERY_STATUS("query-status");

    private final String code;

    Type(String code) {
      this.code = code;
    }
  }

  private final FhirContext fhirContext;
  private final String base;
  private final ResourceHasher hasher;

  Notifications(FhirContext fhirContext, String base, ResourceHasher hasher) {
    this.fhirContext = requireNonNull(fhirContext);
    this.base = requireNonNull(base);
    this.hasher = requireNonNull(hasher);
  }

  /**
   * A notification of {@code type} carrying {@code events}; those the predicate {@code sharing} gives for this
   * notification rejects keep their number but lose focus and entry.
   */
  Bundle notification(Type type, String subscription, long eventsSoFar, List<OutboxEvent> events,
      Supplier<Predicate<OutboxEvent>> sharing) {
    Predicate<OutboxEvent> shared = sharing.get();
    Bundle bundle = new Bundle().setType(BundleType.HISTORY);
    bundle.setTimestamp(new Date());
    Parameters status = status(type, subscription, "active", eventsSoFar);
    bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(status);
    for (OutboxEvent event : events) {
      ParametersParameterComponent notification = status.addParameter().setName("notification-event");
      notification.addPart().setName("event-number").setValue(new StringType(Long.toString(event.number())));
      notification.addPart().setName("timestamp").setValue(new InstantType(Date.from(event.write().writtenAt())));
      if (!shared.test(event)) {
        continue;
      }
      Written write = event.write();
      notification.addPart().setName("focus")
          .setValue(new Reference(base + "/" + event.resource() + "/_history/" + write.version()));
      Bundle.BundleEntryComponent entry = bundle.addEntry().setFullUrl(base + "/" + event.resource());
      if (write.json() != null && write.operation() != Operation.DELETE) {
        Resource resource = (Resource) resource(write);
        entry.setResource(resource);
        entry.addExtension(VersionHashExtension.of(hasher.digest(resource)));
      }
      entry.getRequest().setMethod(HTTPVerb.fromCode(write.operation().method())).setUrl(event.resource());
      entry.getResponse().setStatus(write.operation().status()).setEtag("W/\"" + write.version() + "\"");
    }
    return bundle;
  }

  /** The status {@code Parameters} alone, for {@code $status}. */
  Parameters status(Type type, String subscription, String subscriptionStatus, long eventsSoFar) {
    Parameters status = new Parameters();
    status.getMeta().addProfile(STATUS_PROFILE);
    status.addParameter().setName("subscription").setValue(new Reference(base + "/Subscription/" + subscription));
    status.addParameter().setName("topic").setValue(new CanonicalType(TOPIC));
    status.addParameter().setName("status").setValue(new CodeType(subscriptionStatus));
    status.addParameter().setName("type").setValue(new CodeType(type.code));
    status.addParameter().setName("events-since-subscription-start")
        .setValue(new StringType(Long.toString(eventsSoFar)));
    return status;
  }

  /**
   * HAPI strips the version from every reference it encodes, unless told not to at a path; a focus names a version,
   * so the status parts keep theirs, in the notifications posted and in the answers to {@code $events}.
   */
  static void keepFocusVersions(FhirContext fhirContext) {
    Set<String> paths = new HashSet<>(fhirContext.getParserOptions().getDontStripVersionsFromReferencesAtPaths());
    paths.add("Parameters.parameter.part.value");
    paths.add("Parameters.parameter.value");
    fhirContext.getParserOptions().setDontStripVersionsFromReferencesAtPaths(paths);
  }

  IBaseResource resource(Written write) {
    return fhirContext.newJsonParser().parseResource(write.json());
  }
}
