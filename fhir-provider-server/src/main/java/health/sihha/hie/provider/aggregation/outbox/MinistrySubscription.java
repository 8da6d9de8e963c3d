package health.sihha.hie.provider.aggregation.outbox;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code Subscription/sihha-ministry}, the backport topic Subscription through which the outbox feeds the
 * ministry, as the configuration and the dispatcher's state say: it is written only when it is missing or differs,
 * so restarts neither duplicate nor re-version it, and whatever changed it by other means is restored.
 */
public final class MinistrySubscription {

  /** The ministry's Subscription. */
  public static final String ID = "sihha-ministry";

  static final String BACKPORT = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
  static final String PROFILE = BACKPORT + "backport-subscription";
  static final String FILTER_CRITERIA = BACKPORT + "backport-filter-criteria";
  static final String PAYLOAD_CONTENT = BACKPORT + "backport-payload-content";
  static final String HEARTBEAT_PERIOD = BACKPORT + "backport-heartbeat-period";
  static final String TIMEOUT = BACKPORT + "backport-timeout";
  static final String MAX_COUNT = BACKPORT + "backport-max-count";
  static final String PAYLOAD = "application/fhir+json";

  /** The per-type rest-hooks of earlier versions, which HAPI itself delivered. */
  private static final String LEGACY_PREFIX = ID + "-";

  private static final Logger LOG = LoggerFactory.getLogger(MinistrySubscription.class);

  private final IFhirResourceDao<Subscription> subscriptions;
  private final OutboxStore outbox;
  private final List<String> types;
  private final String endpoint;
  private final OutboxProperties properties;

  MinistrySubscription(IFhirResourceDao<Subscription> subscriptions, OutboxStore outbox, List<String> types,
      String endpoint, OutboxProperties properties) {
    this.subscriptions = requireNonNull(subscriptions);
    this.outbox = requireNonNull(outbox);
    this.types = List.copyOf(types);
    this.endpoint = requireNonNull(endpoint);
    this.properties = requireNonNull(properties);
  }

  /** Whether {@code id} is that of a Subscription feeding the ministry, which only the server itself changes. */
  public static boolean isMinistrySubscription(String id) {
    return ID.equals(id) || id.startsWith(LEGACY_PREFIX);
  }

  /** Writes the Subscription if it is missing or differs from the configuration and the dispatcher's state. */
  public synchronized void ensure() {
    ensure(outbox.subscription(ID).orElseThrow());
  }

  /** Writes the Subscription if it is missing or differs from what it should be with {@code state}. */
  synchronized void ensure(SubscriptionState state) {
    Subscription wanted = wanted(state);
    SystemRequestDetails system = new SystemRequestDetails();
    try {
      Subscription existing = subscriptions.read(new IdType("Subscription", ID), system);
      if (existing.equalsDeep(withoutMeta(existing, wanted))) {
        return;
      }
    } catch (ResourceNotFoundException | ResourceGoneException missing) {
      LOG.debug("Subscription/{} is new", ID);
    }
    subscriptions.update(wanted, system);
    LOG.info("Subscription/{} is {} and delivers {} to {}", ID, wanted.getStatus().toCode(), types, endpoint);
  }

  /** Deletes the per-type rest-hooks an earlier version of the server kept, so HAPI does not deliver them too. */
  void removeLegacy() {
    SystemRequestDetails system = new SystemRequestDetails();
    for (String type : types) {
      IdType legacy = new IdType("Subscription", LEGACY_PREFIX + type.toLowerCase(Locale.ROOT));
      try {
        subscriptions.read(legacy, system);
        subscriptions.delete(legacy, system);
        LOG.info("{} removed: the outbox delivers to the ministry now", legacy.getValue());
      } catch (ResourceNotFoundException | ResourceGoneException absent) {
        LOG.trace("{} absent", legacy.getValue());
      }
    }
  }

  Subscription wanted(SubscriptionState state) {
    Subscription subscription = new Subscription();
    subscription.setId(ID);
    subscription.getMeta().addProfile(PROFILE);
    subscription.setStatus(SubscriptionStatus.fromCode(state.status()));
    if (state.error() != null && subscription.getStatus() == SubscriptionStatus.ERROR) {
      subscription.setError(state.error());
    }
    subscription.setReason("National aggregation of " + String.join(", ", types) + " to the ministry");
    subscription.setCriteria(Notifications.TOPIC);
    for (String type : types) {
      subscription.getCriteriaElement().addExtension(FILTER_CRITERIA, new StringType(type + "?"));
    }
    Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
    channel.setType(SubscriptionChannelType.RESTHOOK);
    channel.setEndpoint(endpoint);
    channel.setPayload(PAYLOAD);
    channel.getPayloadElement().addExtension(PAYLOAD_CONTENT, new CodeType("full-resource"));
    channel.addExtension(HEARTBEAT_PERIOD, new UnsignedIntType(properties.heartbeatPeriod().toSeconds()));
    channel.addExtension(TIMEOUT, new UnsignedIntType(properties.timeout().toSeconds()));
    channel.addExtension(MAX_COUNT, new PositiveIntType(properties.maxCount()));
    return subscription;
  }

  /** {@code wanted} with the stored one's id and meta, so that only the content is compared. */
  private static Subscription withoutMeta(Subscription existing, Subscription wanted) {
    Subscription copy = wanted.copy();
    copy.setIdElement(existing.getIdElement());
    copy.setMeta(existing.getMeta());
    return copy;
  }
}
