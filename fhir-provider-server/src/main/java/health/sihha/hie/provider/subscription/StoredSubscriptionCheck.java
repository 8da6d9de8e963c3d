package health.sihha.hie.provider.subscription;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import health.sihha.hie.interceptors.subscription.EndpointAllowList;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * HAPI checks rest-hook endpoints only when a Subscription is written, so at start-up the stored ones are checked
 * against the allow-list as it is now: a rest-hook off the list is switched {@code off}, with the reason in
 * {@code error}, before it can deliver anything.
 */
final class StoredSubscriptionCheck {

  private static final Logger LOG = LoggerFactory.getLogger(StoredSubscriptionCheck.class);

  private final IFhirResourceDao<Subscription> subscriptions;
  private final EndpointAllowList endpoints;

  StoredSubscriptionCheck(DaoRegistry daos, EndpointAllowList endpoints) {
    this.subscriptions = requireNonNull(daos).getResourceDao(Subscription.class);
    this.endpoints = requireNonNull(endpoints);
  }

  /** Switches off every stored rest-hook whose endpoint is not allowed. */
  @EventListener(ApplicationReadyEvent.class)
  void switchOffDisallowed() {
    SystemRequestDetails system = new SystemRequestDetails();
    for (IBaseResource resource : subscriptions.searchForResources(SearchParameterMap.newSynchronous(), system)) {
      Subscription subscription = (Subscription) resource;
      if (subscription.getChannel().getType() != SubscriptionChannelType.RESTHOOK
          || subscription.getStatus() == SubscriptionStatus.OFF
          || endpoints.allows(subscription.getChannel().getEndpoint())) {
        continue;
      }
      subscription.setStatus(SubscriptionStatus.OFF);
      subscription.setError("switched off at start-up: endpoint " + subscription.getChannel().getEndpoint()
          + " is not on the allow-list");
      subscriptions.update(subscription, system);
      LOG.error("Subscription/{} switched off: its endpoint {} is not on the allow-list",
          subscription.getIdElement().getIdPart(), subscription.getChannel().getEndpoint());
    }
  }
}
