package health.sihha.hie.provider.subscription;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import health.sihha.hie.interceptors.subscription.EndpointAllowList;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line: whatever a stored Subscription says (one written before the allow-list changed, or straight into
 * the database), nothing is delivered to an endpoint off the allow-list. Each refused delivery is logged and counted
 * ({@code sihha.subscriptions.deliveries.refused}).
 */
@Interceptor
final class RestHookEndpointCheck {

  private static final Logger LOG = LoggerFactory.getLogger(RestHookEndpointCheck.class);

  private final EndpointAllowList endpoints;
  private final MeterRegistry meters;

  RestHookEndpointCheck(EndpointAllowList endpoints, MeterRegistry meters) {
    this.endpoints = requireNonNull(endpoints);
    this.meters = requireNonNull(meters);
  }

  @Hook(Pointcut.SUBSCRIPTION_BEFORE_REST_HOOK_DELIVERY)
  public boolean allowed(CanonicalSubscription subscription, ResourceDeliveryMessage delivery) {
    if (endpoints.allows(subscription.getEndpointUrl())) {
      return true;
    }
    meters.counter("sihha.subscriptions.deliveries.refused").increment();
    LOG.warn("delivery of {} by {} to {} refused: the endpoint is not on the allow-list",
        delivery.getPayloadId(), subscription.getIdElementString(), subscription.getEndpointUrl());
    return false;
  }
}
