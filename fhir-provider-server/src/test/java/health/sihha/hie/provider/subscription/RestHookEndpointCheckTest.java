package health.sihha.hie.provider.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.jpa.subscription.model.CanonicalSubscription;
import ca.uhn.fhir.jpa.subscription.model.ResourceDeliveryMessage;
import health.sihha.hie.interceptors.subscription.EndpointAllowList;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestHookEndpointCheckTest {

  private static final String MINISTRY = "http://127.0.0.1:8080/ingest/provider-a";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final RestHookEndpointCheck check =
      new RestHookEndpointCheck(new EndpointAllowList(List.of(MINISTRY), List.of()), meters);

  @Test
  void deliversOnlyToTheAllowList() {
    assertThat(check.allowed(subscription(MINISTRY), new ResourceDeliveryMessage())).isTrue();
    assertThat(check.allowed(subscription("https://attacker.example.com/x"), new ResourceDeliveryMessage())).isFalse();
    assertThat(check.allowed(subscription(MINISTRY + "/more"), new ResourceDeliveryMessage())).isFalse();
    assertThat(meters.counter("sihha.subscriptions.deliveries.refused").count()).isEqualTo(2);
  }

  private static CanonicalSubscription subscription(String endpoint) {
    CanonicalSubscription subscription = new CanonicalSubscription();
    subscription.setEndpointUrl(endpoint);
    return subscription;
  }
}
