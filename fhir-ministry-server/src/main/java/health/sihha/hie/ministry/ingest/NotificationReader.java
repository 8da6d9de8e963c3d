package health.sihha.hie.ministry.ingest;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.canonical.VersionHashExtension;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import health.sihha.hie.ministry.ingest.Notification.Change;
import health.sihha.hie.ministry.ingest.Notification.Event;
import health.sihha.hie.ministry.ingest.Notification.VersionHash;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

/**
 * Reads a notification bundle of the delivery contract (AGGREGATION.md): a {@code history} Bundle whose first entry
 * is the backport subscription status, then one entry per event that has a focus, in the same order. A bundle that
 * does not have this shape is refused as a whole (400 or 422), since no event of it can be trusted to be what the
 * provider meant.
 */
final class NotificationReader {

  /** The extension on an entry that carries its version's hashes. */

  private NotificationReader() {}

  static Notification read(Bundle bundle, RegisteredProvider provider) {
    if (bundle.getType() != BundleType.HISTORY || bundle.getEntry().isEmpty()) {
      throw new InvalidRequestException(Codes.of(1110)
          + "a notification is a Bundle of type history whose first entry is the subscription status");
    }
    if (!(bundle.getEntryFirstRep().getResource() instanceof Parameters status)) {
      throw new InvalidRequestException(Codes.of(1111)
          + "the first entry of a notification must be the subscription status Parameters");
    }
    String base = stripSlash(provider.fhirBase().toString());
    String subscription = subscriptionId(status, base);
    List<Event> events = new ArrayList<>();
    int entry = 1;
    for (ParametersParameterComponent part : status.getParameter()) {
      if (!"notification-event".equals(part.getName())) {
        continue;
      }
      long number = number(part(part, "event-number"), "event-number");
      if (number < 1 || !events.isEmpty() && number <= events.get(events.size() - 1).number()) {
        throw new InvalidRequestException(Codes.of(1112) + "notification-event numbers must be positive and ascend: "
            + number);
      }
      Instant committed = part(part, "timestamp") instanceof BaseDateTimeType timestamp && timestamp.getValue() != null
          ? timestamp.getValue().toInstant()
          : null;
      Change change = null;
      if (part(part, "focus") instanceof Reference focus && focus.hasReference()) {
        if (entry >= bundle.getEntry().size()) {
          throw new UnprocessableEntityException(Codes.of(1113) + "event " + number
              + " has a focus but the bundle has no entry for it");
        }
        change = change(number, focus.getReference(), bundle.getEntry().get(entry++), base, provider.id());
      }
      events.add(new Event(number, committed, change));
    }
    if (entry != bundle.getEntry().size()) {
      throw new UnprocessableEntityException(Codes.of(1113) + "the bundle has " + (bundle.getEntry().size() - entry)
          + " entries that no notification-event focuses on");
    }
    return new Notification(subscription, code(status, "type"), optionalNumber(status), events);
  }

  private static Change change(long number, String focus, BundleEntryComponent entry, String base, String provider) {
    IdType focusId = new IdType(focus);
    // a relative focus is relative to the provider's base: HAPI writes its own base's references relative in the
    // answers of its operations, $events included
    boolean atProvider = !focusId.hasBaseUrl() || stripSlash(focusId.getBaseUrl()).equals(base);
    if (!atProvider || focus.startsWith("#") || focus.startsWith("urn:") || !focusId.hasResourceType()
        || !focusId.hasIdPart()) {
      throw new UnprocessableEntityException(Codes.of(1115) + "the focus of event " + number + " (" + focus
          + ") is not a reference to a resource of the provider at " + base);
    }
    IdType entryId = new IdType(entry.getFullUrl());
    if (!focusId.getResourceType().equals(entryId.getResourceType()) || !focusId.getIdPart().equals(entryId.getIdPart())
        || !entry.hasRequest()) {
      throw new UnprocessableEntityException(Codes.of(1114) + "the entry for event " + number + " (" + entry.getFullUrl()
          + ") is not its focus " + focus);
    }
    long version = version(number, focusId, entry);
    SourceKey source = new SourceKey(provider, focusId.getResourceType(), focusId.getIdPart());
    HTTPVerb method = entry.getRequest().getMethod();
    if (method == HTTPVerb.DELETE) {
      return new Change(source, version, null);
    }
    Resource resource = entry.getResource();
    if (method != HTTPVerb.PUT || resource == null || !resource.fhirType().equals(source.type())) {
      throw new UnprocessableEntityException(Codes.of(1120) + "the entry for event " + number
          + " must be a PUT with the " + source.type() + " as written, or a DELETE");
    }
    return new Change(source, version, resource, hash(number, entry));
  }

  /** The version's hashes the entry carries ({@value VersionHashExtension#URL}), if it carries them. */
  private static VersionHash hash(long number, BundleEntryComponent entry) {
    Extension hash = entry.getExtensionByUrl(VersionHashExtension.URL);
    if (hash == null) {
      return null;
    }
    try {
      return new VersionHash(Hash.fromHex(hex(hash, "salted")), Hash.fromHex(hex(hash, "unsalted")));
    } catch (RuntimeException malformed) {
      throw new UnprocessableEntityException(Codes.of(1125) + "the version hash of event " + number
          + " must hold a salted and an unsalted SHA-256, each 64 hexadecimal digits");
    }
  }

  private static String hex(Extension hash, String which) {
    String hex = hash.getExtensionString(which);
    if (hex == null || !hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(which);
    }
    return hex;
  }

  /**
   * The version the event carries: its entry's {@code response.etag}, and the focus's {@code _history} when the
   * parser kept it (HAPI's parser strips versions from references by default); both must agree.
   */
  private static long version(long number, IdType focus, BundleEntryComponent entry) {
    String etag = entry.hasResponse() && entry.getResponse().hasEtag() ? versionOf(entry.getResponse().getEtag()) : null;
    String fromFocus = focus.hasVersionIdPart() ? focus.getVersionIdPart() : null;
    if (etag != null && fromFocus != null && !etag.equals(fromFocus)) {
      throw new UnprocessableEntityException(Codes.of(1114) + "the entry for event " + number + " has version "
          + etag + " but its focus has version " + fromFocus);
    }
    String version = etag != null ? etag : fromFocus;
    try {
      return Long.parseLong(version == null ? "" : version);
    } catch (NumberFormatException notANumber) {
      throw new UnprocessableEntityException(Codes.of(1115) + "event " + number
          + " names no numeric version of its focus (response.etag W/\"<version>\")");
    }
  }

  private static String subscriptionId(Parameters status, String base) {
    if (!(param(status, "subscription") instanceof Reference subscription) || !subscription.hasReference()) {
      throw new InvalidRequestException(Codes.of(1116) + "the subscription status names no subscription");
    }
    IdType id = new IdType(subscription.getReference());
    if (id.hasBaseUrl() && !stripSlash(id.getBaseUrl()).equals(base)) {
      throw new InvalidRequestException(Codes.of(1116) + "the subscription " + subscription.getReference()
          + " is not one of the provider at " + base);
    }
    return id.getIdPart();
  }

  private static String code(Parameters status, String name) {
    Type value = param(status, name);
    return value != null && value.hasPrimitiveValue() ? value.primitiveValue() : "";
  }

  private static long optionalNumber(Parameters status) {
    Type value = param(status, "events-since-subscription-start");
    return value == null ? 0 : number(value, "events-since-subscription-start");
  }

  private static long number(Type value, String name) {
    String text = value != null && value.hasPrimitiveValue() ? value.primitiveValue() : "";
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException notANumber) {
      throw new InvalidRequestException(Codes.of(1112) + name + " must be a whole number, not '" + text + "'");
    }
  }

  private static Type param(Parameters status, String name) {
    return status.getParameter().stream().filter(p -> name.equals(p.getName())).findFirst()
        .map(ParametersParameterComponent::getValue).orElse(null);
  }

  private static Type part(ParametersParameterComponent event, String name) {
    return event.getPart().stream().filter(p -> name.equals(p.getName())).findFirst()
        .map(ParametersParameterComponent::getValue).orElse(null);
  }

  /** {@code W/"3"} → {@code 3}. */
  private static String versionOf(String etag) {
    String value = etag.startsWith("W/") ? etag.substring(2) : etag;
    return value.replace("\"", "");
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
