package health.sihha.hie.interceptors.subscription;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import java.util.Optional;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;

/**
 * Subscriptions are infrastructure: they decide where a server's data flows. So:
 *
 * <ul>
 *   <li>only the server itself ({@link SystemRequestDetails}) and a service account of its own facility (realm role
 *       {@code system}; the facility is checked for every token by the SMART authorization) create, change or
 *       delete a Subscription: a clinician's {@code user/*.cruds} reaches every other type, not this one;
 *   <li>the Subscriptions the server manages itself ({@code managed}, e.g. those feeding the ministry) are changed by
 *       the server alone, so nobody can switch national aggregation off;
 *   <li>a rest-hook that is not {@code off} must point at an allowed endpoint ({@link EndpointAllowList}), whoever
 *       writes it.
 * </ul>
 *
 * <p>The checks run on the storage hooks, so transactions and conditional writes go through them too.
 */
@Interceptor(order = HieOrder.CLINICAL_INVARIANTS)
public final class SubscriptionGuard {

  private final EndpointAllowList endpoints;
  private final Predicate<String> managed;
  private final boolean identityRequired;

  /**
   * @param endpoints where rest-hooks may deliver
   * @param managed which Subscription ids the server manages itself
   * @param identityRequired whether requests carry verified tokens (false only where security is off, in tests)
   */
  public SubscriptionGuard(EndpointAllowList endpoints, Predicate<String> managed, boolean identityRequired) {
    this.endpoints = requireNonNull(endpoints);
    this.managed = requireNonNull(managed);
    this.identityRequired = identityRequired;
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
  public void created(RequestDetails request, IBaseResource resource) {
    if (resource instanceof Subscription subscription) {
      checkWriter(request, subscription);
      checkEndpoint(subscription);
    }
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
  public void updated(RequestDetails request, IBaseResource previous, IBaseResource resource) {
    if (resource instanceof Subscription subscription) {
      checkWriter(request, subscription);
      checkEndpoint(subscription);
    }
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
  public void deleted(RequestDetails request, IBaseResource resource) {
    if (resource instanceof Subscription subscription) {
      checkWriter(request, subscription);
    }
  }

  private void checkWriter(RequestDetails request, Subscription subscription) {
    if (request == null || request instanceof SystemRequestDetails) {
      return;
    }
    if (subscription.getIdElement().hasIdPart() && managed.test(subscription.getIdElement().getIdPart())) {
      throw new ForbiddenOperationException(Codes.of(1071) + "Subscription/" + subscription.getIdElement().getIdPart()
          + " is managed by the server itself and cannot be changed or deleted");
    }
    Optional<SmartGrant> grant = SmartGrants.verified(request);
    if (grant.isEmpty() ? identityRequired : !grant.get().hasRole(SmartGrant.SYSTEM_ROLE)) {
      throw new ForbiddenOperationException(Codes.of(1070) + "Subscriptions decide where this server's data goes:"
          + " only the server and a service account of its own facility write them");
    }
  }

  private void checkEndpoint(Subscription subscription) {
    if (subscription.getChannel().getType() == SubscriptionChannelType.RESTHOOK
        && subscription.getStatus() != SubscriptionStatus.OFF
        && !endpoints.allows(subscription.getChannel().getEndpoint())) {
      throw new UnprocessableEntityException(Codes.of(1072) + "Subscription.channel.endpoint "
          + subscription.getChannel().getEndpoint() + " is not an allowed rest-hook endpoint of this server");
    }
  }
}
