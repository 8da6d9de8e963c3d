package health.sihha.hie.provider.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.Flag.FlagStatus;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class StockAlertJobTest extends StockTest {

  @Autowired
  StockAlertJob job;

  @Test
  void raisesEachFlagOnceAndClearsItWhenTheConditionIsGone() {
    String ward = location("Ward");
    String low = medication(METFORMIN, "AL-1", "2099-12-31");
    String nearExpiry = medication(METFORMIN, "AL-2", LocalDate.now(ZoneOffset.UTC).plusDays(10).toString());
    String expired = medication(METFORMIN, "AL-3", "2020-01-31");
    Medication withOwnLevel = batch(METFORMIN, "AL-4", "2099-12-31");
    withOwnLevel.addExtension(StockFhir.REORDER_LEVEL, new Quantity().setValue(100).setSystem(UCUM).setCode(TABLET));
    String ownLevel = client().create().resource(withOwnLevel).execute().getId().toUnqualifiedVersionless()
        .getValue();
    receive(low, ward, 3);
    receive(nearExpiry, ward, 50);
    receive(expired, ward, 50);
    receive(ownLevel, ward, 50);

    job.run();
    job.run();

    assertThat(activeCodes(low)).containsExactly("low-stock");
    assertThat(activeCodes(nearExpiry)).containsExactly("near-expiry");
    assertThat(activeCodes(expired)).containsExactly("expired");
    assertThat(activeCodes(ownLevel)).containsExactly("low-stock");
    Flag flag = flags(low).get(0);
    assertThat(flag.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("admin");
    assertThat(flag.getCode().getCodingFirstRep().getSystem()).isEqualTo(StockFhir.FLAG_CODES);
    assertThat(flag.getCode().getText()).contains("AL-1").contains(ward);
    assertThat(((Reference) flag.getExtensionByUrl(StockFhir.STOCK_LOCATION).getValue()).getReference())
        .isEqualTo(ward);
    assertThat(flag.getPeriod().hasStart()).isTrue();

    receive(low, ward, 20);
    job.run();

    assertThat(activeCodes(low)).isEmpty();
    assertThat(flags(low)).singleElement().satisfies(cleared -> {
      assertThat(cleared.getStatus()).isEqualTo(FlagStatus.INACTIVE);
      assertThat(cleared.getPeriod().hasEnd()).isTrue();
    });
    assertThat(activeCodes(nearExpiry)).containsExactly("near-expiry");
  }

  @Test
  void subscribersAreToldOfLowStock() {
    Subscription subscription = new Subscription();
    subscription.setStatus(SubscriptionStatus.REQUESTED);
    subscription.setReason("low stock alerts");
    subscription.setCriteria("Flag?code=" + StockFhir.FLAG_CODES + "|low-stock&status=active");
    subscription.getChannel().setType(SubscriptionChannelType.RESTHOOK)
        .setEndpoint(MINISTRY.ingestUrl().replace("/ingest", "/stock-alerts")).setPayload("application/fhir+json");
    String id = client().create().resource(subscription).execute().getId().toUnqualifiedVersionless().getValue();
    await().atMost(Duration.ofSeconds(30)).until(() -> client().read().resource(Subscription.class).withId(id)
        .execute().getStatus() == SubscriptionStatus.ACTIVE);
    String ward = location("Ward");
    String batch = medication(METFORMIN, "AL-5", "2099-12-31");
    receive(batch, ward, 1);

    job.run();

    await().atMost(Duration.ofSeconds(30)).until(() -> MINISTRY.deliveries().stream()
        .anyMatch(d -> d.path().startsWith("/stock-alerts/Flag/") && d.body().contains(batch)));
  }

  private List<String> activeCodes(String medication) {
    return flags(medication).stream().filter(f -> f.getStatus() == FlagStatus.ACTIVE)
        .map(f -> f.getCode().getCodingFirstRep().getCode()).toList();
  }

  private List<Flag> flags(String medication) {
    return client().search().forResource(Flag.class).where(Flag.SUBJECT.hasId(medication))
        .returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Flag) e.getResource()).toList();
  }
}
