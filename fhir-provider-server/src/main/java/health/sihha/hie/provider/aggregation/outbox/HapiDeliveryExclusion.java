package health.sihha.hie.provider.aggregation.outbox;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;

/**
 * Keeps HAPI's own subscription machinery off {@code Subscription/sihha-ministry}, which the outbox delivers: HAPI
 * would switch it from {@code requested} to {@code active} without a handshake, and deliver matches of it itself.
 * So whatever writes it, its status is the dispatcher's, and HAPI delivers nothing for it; every other Subscription
 * (the stock alerts', say) still goes through HAPI.
 */
@Interceptor
final class HapiDeliveryExclusion {

  private final OutboxStore outbox;

  HapiDeliveryExclusion(OutboxStore outbox) {
    this.outbox = requireNonNull(outbox);
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
  public void created(IBaseResource resource) {
    pinStatus(resource);
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource resource) {
    pinStatus(resource);
  }

  @Hook(Pointcut.SUBSCRIPTION_BEFORE_DELIVERY)
  public boolean hapiMayDeliver(CanonicalSubscription subscription) {
    return !MinistrySubscription.ID.equals(new IdType(subscription.getIdElementString()).getIdPart());
  }

  private void pinStatus(IBaseResource resource) {
    if (!(resource instanceof Subscription subscription)
        || !MinistrySubscription.ID.equals(subscription.getIdElement().getIdPart())) {
      return;
    }
    outbox.subscription(MinistrySubscription.ID).ifPresent(state -> {
      subscription.setStatus(SubscriptionStatus.fromCode(state.status()));
      subscription.setError(subscription.getStatus() == SubscriptionStatus.ERROR ? state.error() : null);
    });
  }
}
