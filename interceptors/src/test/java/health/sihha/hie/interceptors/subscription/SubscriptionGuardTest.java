package health.sihha.hie.interceptors.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.test.utilities.server.HashMapResourceProviderExtension;
import ca.uhn.fhir.test.utilities.server.RestfulServerExtension;
import health.sihha.hie.interceptors.security.ClinicalRolePolicy;
import health.sihha.hie.interceptors.security.Requests;
import health.sihha.hie.interceptors.security.SmartAuthorizationInterceptor;
import health.sihha.hie.interceptors.security.SmartGrants;
import health.sihha.hie.interceptors.security.TestTokens;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SubscriptionGuardTest {

  private static final String MINISTRY = "http://127.0.0.1:8080/ingest/provider-a";
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final TestTokens TOKENS = new TestTokens();
  private static final EndpointAllowList ALLOWED =
      new EndpointAllowList(List.of(MINISTRY), List.of("https://registry\\.example\\.org/hooks/[a-z]+"));

  @RegisterExtension
  @Order(0)
  static final RestfulServerExtension server = new RestfulServerExtension(FHIR)
      .withServer(s -> {
        s.registerInterceptor(new SmartAuthorizationInterceptor(
            new SmartGrants(TOKENS.verifier()), TestTokens.FACILITY, new ClinicalRolePolicy()));
        s.registerInterceptor(new SubscriptionGuard(ALLOWED, id -> id.startsWith("sihha-ministry-"), true));
      })
      .keepAliveBetweenTests();

  @RegisterExtension
  @Order(1)
  final HashMapResourceProviderExtension<Subscription> subscriptions =
      new HashMapResourceProviderExtension<>(server, Subscription.class);

  @BeforeEach
  void theMinistryFeed() {
    subscriptions.store(restHook("sihha-ministry-observation", MINISTRY));
  }

  @Test
  void aClinicianWithEveryUserScopeWritesNoSubscription() {
    String physician = TOKENS.token("user/*.cruds", null, "physician", "facility-admin");
    HttpResponse<String> created = post(restHook(null, MINISTRY), physician);
    assertThat(created.statusCode()).isEqualTo(403);
    assertThat(created.body()).contains("SIHHA-1070");
    assertThat(put(restHook("sihha-ministry-observation", MINISTRY).setStatus(SubscriptionStatus.OFF), physician)
        .statusCode()).isEqualTo(403);
    assertThat(delete("sihha-ministry-observation", physician).statusCode()).isEqualTo(403);
    assertThat(subscriptions.getStoredResources()).singleElement()
        .extracting(Subscription::getStatus).isEqualTo(SubscriptionStatus.ACTIVE);
  }

  @Test
  void nobodyButTheServerChangesTheMinistryFeed() {
    String system = systemToken();
    HttpResponse<String> off = put(restHook("sihha-ministry-observation", MINISTRY).setStatus(SubscriptionStatus.OFF),
        system);
    assertThat(off.statusCode()).isEqualTo(403);
    assertThat(off.body()).contains("SIHHA-1071");
    assertThat(delete("sihha-ministry-observation", system).statusCode()).isEqualTo(403);
    assertThat(subscriptions.read(new IdType("Subscription/sihha-ministry-observation"), null).getStatus())
        .isEqualTo(SubscriptionStatus.ACTIVE);
  }

  @Test
  void aRestHookToAnEndpointOffTheListIsRefusedWhoeverWritesIt() {
    for (String endpoint : List.of("https://attacker.example.com/collect", MINISTRY + "/../provider-b",
        "http://127.0.0.1:8080/ingest/provider-b", "https://registry.example.org/hooks/x?y=1")) {
      HttpResponse<String> refused = post(restHook(null, endpoint), systemToken());
      assertThat(refused.statusCode()).as(endpoint).isEqualTo(422);
      assertThat(refused.body()).contains("SIHHA-1072");
    }
    assertThat(subscriptions.getStoredResources()).hasSize(1);
    assertThat(post(restHook(null, "https://registry.example.org/hooks/labs"), systemToken()).statusCode())
        .isEqualTo(201);
    assertThat(post(restHook(null, "https://attacker.example.com/collect").setStatus(SubscriptionStatus.OFF),
        systemToken()).statusCode()).isEqualTo(201);
  }

  @Test
  void allowListRegexIsAnchored() {
    assertThat("http://127.0.0.1:8080/ingest/provider-a/x").doesNotMatch(ALLOWED.regex());
    assertThat(MINISTRY).matches(ALLOWED.regex());
    assertThat(new EndpointAllowList(List.of(), List.of()).allows(MINISTRY)).isFalse();
  }

  private static String systemToken() {
    return TOKENS.sign(TOKENS.claims("system/*.cruds").claim("azp", "provider-a").claim("roles", List.of("system")));
  }

  private static Subscription restHook(String id, String endpoint) {
    Subscription subscription = new Subscription();
    if (id != null) {
      subscription.setId(id);
    }
    subscription.setStatus(SubscriptionStatus.ACTIVE);
    subscription.setReason("test");
    subscription.setCriteria("Observation?");
    subscription.getChannel().setType(SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint)
        .setPayload("application/fhir+json");
    return subscription;
  }

  private static HttpResponse<String> post(Subscription subscription, String token) {
    return Requests.send("POST", server.getBaseUrl() + "/Subscription", token,
        FHIR.newJsonParser().encodeResourceToString(subscription));
  }

  private static HttpResponse<String> put(Subscription subscription, String token) {
    return Requests.send("PUT", server.getBaseUrl() + "/Subscription/" + subscription.getIdElement().getIdPart(), token,
        FHIR.newJsonParser().encodeResourceToString(subscription));
  }

  private static HttpResponse<String> delete(String id, String token) {
    return Requests.send("DELETE", server.getBaseUrl() + "/Subscription/" + id, token, null);
  }
}
