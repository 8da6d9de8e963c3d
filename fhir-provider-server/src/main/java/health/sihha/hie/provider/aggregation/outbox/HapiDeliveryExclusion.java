package health.sihha.hie.provider.aggregation.outbox;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.match.matcher.subscriber.SubscriptionCriteriaParser.SubscriptionCriteria;
import ca.uhn.fhir.jpa.subscription.match.matcher.subscriber.SubscriptionCriteriaParser.TypeEnum;
import ca.uhn.fhir.jpa.subscription.match.registry.ActiveSubscription;
import ca.uhn.fhir.jpa.subscription.match.registry.SubscriptionRegistry;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.ResourceModifiedMessage;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;

/**
 * Keeps HAPI's own subscription machinery off {@code Subscription/sihha-ministry}, which the outbox delivers: HAPI
 * would switch it from {@code requested} to {@code active} without a handshake, and deliver matches of it itself.
 * So whatever writes it, its status is the dispatcher's, and HAPI delivers nothing for it; every other Subscription
 * (the stock alerts', say) still goes through HAPI. Nor does HAPI match writes that only this Subscription wants: see
 * {@link #hapiMayMatch}.
 */
@Interceptor
final class HapiDeliveryExclusion {

  /** Writes of these types always go to HAPI's matcher: that is how it registers and activates Subscriptions. */
  private static final Set<String> SUBSCRIPTION_TYPES = Set.of("Subscription", "SubscriptionTopic");

  private final OutboxStore outbox;
  private final SubscriptionRegistry hapiSubscriptions;
  private final FhirContext fhirContext;

  HapiDeliveryExclusion(OutboxStore outbox, SubscriptionRegistry hapiSubscriptions, FhirContext fhirContext) {
    this.outbox = requireNonNull(outbox);
    this.hapiSubscriptions = requireNonNull(hapiSubscriptions);
    this.fhirContext = requireNonNull(fhirContext);
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
    return !isMinistrys(subscription);
  }

  /**
   * HAPI stores every write in its resource-modified table, then reads the resource back on its matching thread to
   * test it against every active Subscription: about 7% of a provider's CPU under load, for the ministry's
   * Subscription alone, which the outbox serves. So a write goes to HAPI's matcher only when another active
   * Subscription may match its type (one whose criteria HAPI cannot narrow to types, a topic one, say, is taken to
   * match everything).
   */
  @Hook(Pointcut.SUBSCRIPTION_RESOURCE_MODIFIED)
  public boolean hapiMayMatch(ResourceModifiedMessage message) {
    String type = message.getResourceType(fhirContext);
    return SUBSCRIPTION_TYPES.contains(type) || hapiSubscriptions.getAll().stream()
        .filter(active -> !isMinistrys(active.getSubscription()))
        .anyMatch(active -> mayMatch(active, type));
  }

  private static boolean mayMatch(ActiveSubscription active, String type) {
    SubscriptionCriteria criteria = active.getCriteria();
    return active.getSubscription().isTopicSubscription() || criteria == null
        || criteria.getType() == TypeEnum.STARTYPE_EXPRESSION || criteria.getApplicableResourceTypes().contains(type);
  }

  private static boolean isMinistrys(CanonicalSubscription subscription) {
    return MinistrySubscription.ID.equals(new IdType(subscription.getIdElementString()).getIdPart());
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
