package health.sihha.hie.provider.aggregation;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscriptionChannelType;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.util.JsonUtil;
import java.util.List;
import java.util.Locale;

/**
 * Gives every delivery to the ministry a fresh bearer token of this provider's client, never stored anywhere: the
 * Subscription resources carry no {@code channel.header}.
 *
 * <p>HAPI puts the subscription registry's own {@link CanonicalSubscription} on each delivery message, shared by all
 * deliveries of that subscription, concurrent ones and retries included, and the rest-hook listener reads the headers
 * from whatever subscription the message holds once {@link Pointcut#SUBSCRIPTION_BEFORE_DELIVERY} has run. So this
 * hook never changes the shared object: it gives the message a copy of it with the token header. A copy left on the
 * message from an earlier attempt loses its old token header first. When no token can be had, the hook throws, the
 * delivery fails and HAPI's delivery channel retries it.
 *
 * <p>Only rest-hooks to this provider's own ministry endpoint get a token, so a Subscription someone else creates
 * can never make the provider hand its credentials to another server.
 */
@Interceptor
final class MinistryDeliveryAuthorization {

  private static final String AUTHORIZATION_PREFIX = Constants.HEADER_AUTHORIZATION.toLowerCase(Locale.ROOT) + ":";

  private final String ministryEndpoint;
  private final MinistryTokens tokens;

  MinistryDeliveryAuthorization(String ministryEndpoint, MinistryTokens tokens) {
    this.ministryEndpoint = requireNonNull(ministryEndpoint);
    this.tokens = requireNonNull(tokens);
  }

  @Hook(Pointcut.SUBSCRIPTION_BEFORE_DELIVERY)
  public void authorize(ResourceDeliveryMessage delivery, CanonicalSubscription subscription) {
    if (subscription.getChannelType() != CanonicalSubscriptionChannelType.RESTHOOK
        || !ministryEndpoint.equals(subscription.getEndpointUrl())) {
      return;
    }
    CanonicalSubscription authorized = withBearer(subscription, tokens.fetch());
    delivery.setSubscription(authorized);
  }

  /** A copy of {@code subscription} whose only {@code Authorization} header carries {@code token}. */
  static CanonicalSubscription withBearer(CanonicalSubscription subscription, String token) {
    CanonicalSubscription copy =
        JsonUtil.deserialize(JsonUtil.serializeWithSensitiveData(subscription), CanonicalSubscription.class);
    List<String> others = copy.getHeaders().stream()
        .filter(header -> !header.toLowerCase(Locale.ROOT).startsWith(AUTHORIZATION_PREFIX))
        .toList();
    copy.setHeaders((String) null);
    others.forEach(copy::addHeader);
    copy.addHeader(Constants.HEADER_AUTHORIZATION + ": " + Constants.HEADER_AUTHORIZATION_VALPREFIX_BEARER + token);
    return copy;
  }
}
