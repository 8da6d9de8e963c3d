package health.sihha.hie.ministry.ingest;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.security.Interaction;
import health.sihha.hie.interceptors.security.SmartGrant;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.interceptors.security.SmartScope.Context;
import health.sihha.hie.ministry.MinistryProperties;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;

/**
 * Only a provider server writes to its own ingestion base {@code /ingest/<provider-id>}: a valid bearer token (401
 * otherwise) issued for the ingestion endpoint (its own audience, not the national store's), of a service account
 * (realm role {@code system}) with a {@code system/} scope that allows the write, whose client ({@code azp}) is the
 * provider's registered client and whose {@code facility} is the provider; anything else gets 403, so one provider
 * can never overwrite another's national records. A notification's changes each need their scope.
 */
@Interceptor(order = HieOrder.AUTHORIZATION)
final class IngestionAuthorization {

  private final SmartGrants grants;
  private final MinistryProperties ministry;

  IngestionAuthorization(SmartGrants grants, MinistryProperties ministry) {
    this.grants = requireNonNull(grants);
    this.ministry = requireNonNull(ministry);
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void authorize(RequestDetails request, RestOperationTypeEnum operation) {
    if (operation == RestOperationTypeEnum.METADATA) {
      return;
    }
    SmartGrant grant = grants.require(request);
    if (!grant.hasRole(SmartGrant.SYSTEM_ROLE)) {
      throw new ForbiddenOperationException(Codes.of(1140)
          + "only provider servers deliver to the ministry: the token has no realm role " + SmartGrant.SYSTEM_ROLE);
    }
    if (request.getResource() instanceof Bundle notification) {
      // an entry without its URL is refused as malformed once read (NotificationReader)
      for (BundleEntryComponent entry : notification.getEntry().stream().skip(1)
          .filter(BundleEntryComponent::hasFullUrl).toList()) {
        requireScope(grant, entry);
      }
    }
    String providerId = request.getTenantId();
    boolean own = ministry.provider(providerId)
        .filter(p -> p.client().equals(grant.clientId()) && p.id().equals(grant.facility()))
        .isPresent();
    if (!own) {
      throw new ForbiddenOperationException(Codes.of(1142) + "cross-provider write: the token of client "
          + grant.clientId() + " (facility " + grant.facility() + ") may not deliver as provider '" + providerId + "'");
    }
  }

  /** Each change of the notification needs a {@code system/} scope that allows that write of that type. */
  private static void requireScope(SmartGrant grant, BundleEntryComponent entry) {
    Interaction write = entry.getRequest().getMethod() == HTTPVerb.DELETE ? Interaction.DELETE : Interaction.UPDATE;
    String type = new IdType(entry.getFullUrl()).getResourceType();
    if (grant.scopes().in(Context.SYSTEM).stream().noneMatch(scope -> scope.permits(write, type))) {
      throw new ForbiddenOperationException(Codes.of(1141) + "no system/ scope of this token allows "
          + write.name().toLowerCase() + " of " + type);
    }
  }
}
