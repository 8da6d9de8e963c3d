package health.sihha.hie.ministry.ingest;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * A fake provider's notification bundles, built as AGGREGATION.md describes them: a history Bundle, the backport
 * subscription status first, then one entry per event with a focus.
 */
public final class Notifications {

  public static final String STATUS_PROFILE =
      "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4";
  public static final String VERSION_HASH = "https://sihha.health/fhir/StructureDefinition/version-hash";
  public static final String TOPIC = "https://sihha.health/fhir/SubscriptionTopic/national-aggregation";

  private final String base;
  private final String subscription;
  private final String type;
  private long eventsSinceStart;
  private final Parameters status = new Parameters();
  private final List<BundleEntryComponent> entries = new ArrayList<>();

  private Notifications(String base, String subscription, String type) {
    this.base = base;
    this.subscription = subscription;
    this.type = type;
  }

  /** An event-notification from the provider at {@code base}, to {@code Subscription/sihha-ministry}. */
  public static Notifications from(String base) {
    return new Notifications(base, "sihha-ministry", "event-notification");
  }

  /** An event-notification from the provider at {@code base}, to {@code Subscription/<subscription>}. */
  public static Notifications from(String base, String subscription) {
    return new Notifications(base, subscription, "event-notification");
  }

  /** An answer of {@code $events} of {@code Subscription/<subscription>}. */
  public static Notifications queryEvents(String base, String subscription, long eventsSinceStart) {
    Notifications answer = new Notifications(base, subscription, "query-event");
    answer.eventsSinceStart = eventsSinceStart;
    return answer;
  }

  /** A heartbeat: no events, the count of events so far. */
  public static Bundle heartbeat(String base, long eventsSinceStart) {
    return heartbeat(base, "sihha-ministry", eventsSinceStart);
  }

  /** A heartbeat of {@code Subscription/<subscription>}. */
  public static Bundle heartbeat(String base, String subscription, long eventsSinceStart) {
    Notifications heartbeat = new Notifications(base, subscription, "heartbeat");
    heartbeat.eventsSinceStart = eventsSinceStart;
    return heartbeat.bundle();
  }

  /** Event {@code number}: {@code resource} written as {@code version}. */
  public Notifications written(long number, Resource resource, long version) {
    Resource written = resource.copy();
    written.setId(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    written.getMeta().setVersionId(Long.toString(version));
    String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    event(number, url, version);
    BundleEntryComponent entry = new BundleEntryComponent().setFullUrl(base + "/" + url).setResource(written);
    entry.getRequest().setMethod(HTTPVerb.PUT).setUrl(url);
    entry.getResponse().setStatus(version == 1 ? "201" : "200").setEtag("W/\"" + version + "\"");
    entries.add(entry);
    return this;
  }

  /** The last entry's version as hashed by its provider: {@code salted} and {@code unsalted}, in hexadecimal. */
  public Notifications hashed(String salted, String unsalted) {
    Extension hash = entries.get(entries.size() - 1).addExtension().setUrl(VERSION_HASH);
    hash.addExtension("salted", new StringType(salted));
    hash.addExtension("unsalted", new StringType(unsalted));
    return this;
  }

  /** Event {@code number}: {@code type/id} deleted, the deletion being {@code version}. */
  public Notifications deleted(long number, String type, String id, long version) {
    String url = type + "/" + id;
    event(number, url, version);
    BundleEntryComponent entry = new BundleEntryComponent().setFullUrl(base + "/" + url);
    entry.getRequest().setMethod(HTTPVerb.DELETE).setUrl(url);
    entry.getResponse().setStatus("204").setEtag("W/\"" + version + "\"");
    entries.add(entry);
    return this;
  }

  /** Event {@code number}, withheld from the ministry: no focus, no entry. */
  public Notifications withheld(long number) {
    notificationEvent(number);
    eventsSinceStart = Math.max(eventsSinceStart, number);
    return this;
  }

  public Bundle bundle() {
    Parameters parameters = new Parameters();
    parameters.getMeta().addProfile(STATUS_PROFILE);
    parameters.addParameter().setName("subscription").setValue(new Reference(base + "/Subscription/" + subscription));
    parameters.addParameter().setName("topic").setValue(new CanonicalType(TOPIC));
    parameters.addParameter().setName("status").setValue(new CodeType("active"));
    parameters.addParameter().setName("type").setValue(new CodeType(type));
    parameters.addParameter().setName("events-since-subscription-start")
        .setValue(new StringType(Long.toString(eventsSinceStart)));
    status.getParameter().forEach(parameters::addParameter);
    Bundle bundle = new Bundle().setType(BundleType.HISTORY);
    bundle.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).setResource(parameters);
    entries.forEach(bundle::addEntry);
    return bundle;
  }

  private void event(long number, String url, long version) {
    notificationEvent(number).addPart().setName("focus")
        .setValue(new Reference(base + "/" + url + "/_history/" + version));
    eventsSinceStart = Math.max(eventsSinceStart, number);
  }

  private ParametersParameterComponent notificationEvent(long number) {
    ParametersParameterComponent event = status.addParameter().setName("notification-event");
    event.addPart().setName("event-number").setValue(new StringType(Long.toString(number)));
    event.addPart().setName("timestamp").setValue(new InstantType(new Date()));
    return event;
  }
}
