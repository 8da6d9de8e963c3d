package health.sihha.hie.provider.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscriptionChannelType;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import java.net.URI;
import java.time.Duration;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;

/** The token goes on a copy of the registry's subscription, only for deliveries to the ministry. */
class MinistryDeliveryAuthorizationTest {

  private static final String MINISTRY = "http://127.0.0.1:8080/ingest/provider-a";

  /** Nothing listens on port 9: asking for a token there fails, as a Keycloak that is down does. */
  private final MinistryTokens unreachable =
      new MinistryTokens(URI.create("http://127.0.0.1:9/token"), "provider-a", "secret", "system/*.cruds",
          Duration.ofSeconds(2));

  @Test
  void theCopyCarriesOneBearerHeaderAndTheSharedSubscriptionNone() {
    CanonicalSubscription shared = subscription(MINISTRY);
    shared.addHeader("X-Trace: kept");
    shared.addHeader("authorization: Bearer stale");

    CanonicalSubscription copy = MinistryDeliveryAuthorization.withBearer(shared, "fresh");

    assertThat(copy.getHeaders()).containsExactly("X-Trace: kept", "Authorization: Bearer fresh");
    assertThat(copy.getEndpointUrl()).isEqualTo(MINISTRY);
    assertThat(copy.getIdElementString()).isEqualTo(shared.getIdElementString());
    assertThat(copy.getSendDeleteMessages()).isTrue();
    assertThat(shared.getHeaders()).containsExactly("X-Trace: kept", "authorization: Bearer stale");
  }

  @Test
  void otherEndpointsGetNoTokenAndNoTokenRequest() {
    ResourceDeliveryMessage delivery = new ResourceDeliveryMessage();
    CanonicalSubscription elsewhere = subscription("http://example.org/hook");
    delivery.setSubscription(elsewhere);

    new MinistryDeliveryAuthorization(MINISTRY, unreachable).authorize(delivery, elsewhere);

    assertThat(delivery.getSubscription()).isSameAs(elsewhere);
    assertThat(elsewhere.getHeaders()).isEmpty();
  }

  @Test
  void withoutATokenTheDeliveryFails() {
    ResourceDeliveryMessage delivery = new ResourceDeliveryMessage();
    CanonicalSubscription ministry = subscription(MINISTRY);
    delivery.setSubscription(ministry);

    assertThatThrownBy(
            () -> new MinistryDeliveryAuthorization(MINISTRY, unreachable).authorize(delivery, ministry))
        .isInstanceOf(MinistryTokens.TokenUnavailableException.class)
        .hasMessageStartingWith("SIHHA-1147");
    assertThat(delivery.getSubscription()).isSameAs(ministry);
  }

  private static CanonicalSubscription subscription(String endpoint) {
    CanonicalSubscription subscription = new CanonicalSubscription();
    subscription.setIdElement(new IdType("Subscription/sihha-ministry-patient"));
    subscription.setChannelType(CanonicalSubscriptionChannelType.RESTHOOK);
    subscription.setEndpointUrl(endpoint);
    subscription.setCriteriaString("Patient?");
    subscription.setSendDeleteMessages(true);
    return subscription;
  }
}
