package health.sihha.hie.provider.aggregation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.provider.ProviderProperties;
import java.util.Locale;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes sure that one rest-hook Subscription per aggregated resource type points at the ministry.
 *
 * <p>Each Subscription has a client-assigned id derived from the resource type, and is written only when it is
 * missing or differs from what the configuration asks for, so restarts neither duplicate nor re-version them.
 */
@Component
public class MinistrySubscriptions {

  /** HAPI's R4 extension that makes a rest-hook deliver deletes as well as creates and updates. */
  static final String SEND_DELETES = "http://hapifhir.io/fhir/StructureDefinition/subscription-send-delete-messages";

  static final String PAYLOAD = "application/fhir+json";

  private static final String ID_PREFIX = "sihha-ministry-";

  private static final Logger log = LoggerFactory.getLogger(MinistrySubscriptions.class);

  private final ProviderProperties provider;
  private final IFhirResourceDao<Subscription> subscriptions;

  MinistrySubscriptions(ProviderProperties provider, DaoRegistry daos) {
    this.provider = provider;
    this.subscriptions = daos.getResourceDao(Subscription.class);
  }

  /**
   * At start-up, and then at {@code sihha.provider.subscriptions.check-every}: a ministry Subscription that HAPI
   * switched to error, or that was changed or deleted by any means, is restored.
   */
  @EventListener(ApplicationReadyEvent.class)
  @Scheduled(initialDelayString = "${sihha.provider.subscriptions.check-every:60s}",
      fixedDelayString = "${sihha.provider.subscriptions.check-every:60s}")
  public void ensureSubscriptions() {
    for (String type : provider.aggregatedTypes()) {
      ensure(wanted(type));
    }
    log.debug("{} aggregates {} resource types to {}", provider.id(), provider.aggregatedTypes().size(),
        provider.deliveryEndpoint());
  }

  static String idFor(String resourceType) {
    return ID_PREFIX + resourceType.toLowerCase(Locale.ROOT);
  }

  /** Whether {@code id} is that of a Subscription feeding the ministry, which only the server itself changes. */
  public static boolean isMinistrySubscription(String id) {
    return id.startsWith(ID_PREFIX);
  }

  private Subscription wanted(String type) {
    Subscription subscription = new Subscription();
    subscription.setId(idFor(type));
    subscription.setStatus(SubscriptionStatus.REQUESTED);
    subscription.setReason("Aggregation of " + type + " to the ministry");
    subscription.setCriteria(type + "?");
    Subscription.SubscriptionChannelComponent channel = subscription.getChannel();
    channel.setType(SubscriptionChannelType.RESTHOOK);
    channel.setEndpoint(provider.deliveryEndpoint());
    channel.setPayload(PAYLOAD);
    channel.addExtension(SEND_DELETES, new BooleanType(true));
    return subscription;
  }

  private void ensure(Subscription wanted) {
    SystemRequestDetails system = new SystemRequestDetails();
    IdType id = new IdType("Subscription", wanted.getIdElement().getIdPart());
    try {
      Subscription existing = subscriptions.read(id, system);
      if (sameDelivery(existing, wanted) && existing.getStatus() != SubscriptionStatus.ERROR
          && existing.getStatus() != SubscriptionStatus.OFF) {
        return;
      }
    } catch (ResourceNotFoundException | ResourceGoneException missing) {
      log.debug("{} is new", id.getValue());
    }
    subscriptions.update(wanted, system);
    log.info("Subscription {} now delivers {} to {}", id.getIdPart(), wanted.getCriteria(),
        wanted.getChannel().getEndpoint());
  }

  private static boolean sameDelivery(Subscription existing, Subscription wanted) {
    return wanted.getCriteria().equals(existing.getCriteria())
        && wanted.getChannel().getEndpoint().equals(existing.getChannel().getEndpoint())
        && wanted.getChannel().getPayload().equals(existing.getChannel().getPayload())
        && existing.getChannel().hasExtension(SEND_DELETES);
  }
}
