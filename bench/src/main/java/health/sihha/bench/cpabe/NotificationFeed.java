package health.sihha.bench.cpabe;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import health.sihha.hie.interceptors.ledger.canonical.NodeSalt;
import health.sihha.hie.interceptors.ledger.canonical.ResourceCanonicalizer;
import health.sihha.hie.interceptors.ledger.canonical.ResourceHasher;
import health.sihha.hie.interceptors.ledger.canonical.VersionHashExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
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
 * The notifications a provider posts to {@code <ministry>/ingest/<provider-id>} for a list of new resources, as
 * AGGREGATION.md and the provider's own {@code Notifications} build them: a {@code history} Bundle whose first entry
 * is the backport subscription status ({@code event-notification}, one {@code notification-event} per event with its
 * number, time and focus {@code <base>/<Type>/<id>/_history/1}), then one {@code PUT} entry per event ({@code fullUrl},
 * {@code request}, {@code response} 201 with etag {@code W/"1"}) carrying the version's hashes as the provider's
 * ledger computes them (a salt made for the run). Events are numbered from 1, at most {@code maxCount} per
 * notification, consecutive; {@code events-since-subscription-start} is the last number a notification carries, as
 * when the provider's dispatcher numbered up to it, so the ministry sees no gap to repair.
 */
final class NotificationFeed {

  static final String SUBSCRIPTION = "sihha-ministry";
  static final String TOPIC = "https://sihha.health/fhir/SubscriptionTopic/national-aggregation";
  static final String STATUS_PROFILE =
      "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4";

  private final FhirContext fhir;
  private final String base;
  private final ResourceHasher hasher;

  NotificationFeed(FhirContext fhir, String base) {
    this.fhir = fhir;
    this.base = base;
    this.hasher = new ResourceHasher(new ResourceCanonicalizer(fhir, List.of(base)), NodeSalt.generate());
  }

  /** The notifications, encoded, in the order they are posted. */
  List<String> encode(List<Resource> resources, int maxCount, Instant writtenAt) {
    // HAPI strips versions from references unless told not to: the focus names its version, as the provider's does
    IParser parser = fhir.newJsonParser().setPrettyPrint(false)
        .setDontStripVersionsFromReferencesAtPaths("Parameters.parameter.part.value", "Parameters.parameter.value");
    List<String> notifications = new ArrayList<>();
    for (int from = 0; from < resources.size(); from += maxCount) {
      List<Resource> batch = resources.subList(from, Math.min(resources.size(), from + maxCount)).stream()
          .map(this::asStored).toList();
      notifications.add(parser.encodeResourceToString(notification(batch, from + 1L, writtenAt)));
    }
    return List.copyOf(notifications);
  }

  /** The resource as the provider reads it back from its stored JSON, which is what it hashes and sends. */
  private Resource asStored(Resource resource) {
    IParser plain = fhir.newJsonParser();
    return (Resource) plain.parseResource(plain.encodeResourceToString(resource));
  }

  private Bundle notification(List<Resource> batch, long firstNumber, Instant writtenAt) {
    Bundle bundle = new Bundle().setType(BundleType.HISTORY);
    bundle.setTimestamp(new Date());
    Parameters status = new Parameters();
    status.getMeta().addProfile(STATUS_PROFILE);
    status.addParameter().setName("subscription").setValue(new Reference(base + "/Subscription/" + SUBSCRIPTION));
    status.addParameter().setName("topic").setValue(new CanonicalType(TOPIC));
    status.addParameter().setName("status").setValue(new CodeType("active"));
    status.addParameter().setName("type").setValue(new CodeType("event-notification"));
    status.addParameter().setName("events-since-subscription-start")
        .setValue(new StringType(Long.toString(firstNumber + batch.size() - 1)));
    bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(status);
    long number = firstNumber;
    for (Resource resource : batch) {
      String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
      String version = resource.getMeta().getVersionId();
      ParametersParameterComponent event = status.addParameter().setName("notification-event");
      event.addPart().setName("event-number").setValue(new StringType(Long.toString(number++)));
      event.addPart().setName("timestamp").setValue(new InstantType(Date.from(writtenAt)));
      event.addPart().setName("focus").setValue(new Reference(base + "/" + url + "/_history/" + version));
      BundleEntryComponent entry = bundle.addEntry().setFullUrl(base + "/" + url).setResource(resource);
      entry.addExtension(VersionHashExtension.of(hasher.digest(resource)));
      entry.getRequest().setMethod(HTTPVerb.PUT).setUrl(url);
      entry.getResponse().setStatus("201").setEtag("W/\"" + version + "\"");
    }
    return bundle;
  }

}
