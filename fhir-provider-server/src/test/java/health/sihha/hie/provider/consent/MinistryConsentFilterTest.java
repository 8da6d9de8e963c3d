package health.sihha.hie.provider.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.interceptors.consent.ConsentDirectives;
import health.sihha.hie.interceptors.consent.PatientConsents;
import health.sihha.hie.provider.DeliveryRecorder.Delivery;
import health.sihha.hie.provider.ProviderServerTest;
import health.sihha.hie.server.testing.PrivacyConsents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A patient's opt-out of sharing with the ministry holds the patient's data back from the aggregation. */
class MinistryConsentFilterTest extends ProviderServerTest {

  @Autowired
  MinistryConsentFilter filter;

  @Autowired
  DataSource dataSource;

  @Test
  void anOptedOutPatientsDataIsWithheldButNotOthersNorTheConsent() {
    String optedOut = createPatient("OptedOut");
    String other = createPatient("NotOptedOut");
    String consent = client().create().resource(PrivacyConsents.denying(optedOut, ConsentDirectives.MINISTRY))
        .execute().getId().getIdPart();

    assertThat(filter.mayShare(observation(optedOut))).isFalse();
    assertThat(filter.mayShare(client().read().resource("Patient").withId(optedOut).execute())).isFalse();
    assertThat(filter.mayShare(observation(other))).isTrue();
    assertThat(filter.mayShare(client().read().resource(Consent.class).withId(consent).execute()))
        .as("the opt-out itself goes, so the ministry withdraws what it holds").isTrue();
  }

  @Test
  void anOptedOutPatientsObservationOnlyMovesTheCountOn() {
    String optedOut = createPatient("PublicHealthOptOut");
    Consent publicHealth = PrivacyConsents.optOut(optedOut);
    publicHealth.getProvision().addPurpose(new Coding(ConsentDirectives.ACT_REASON, ConsentDirectives.PUBLIC_HEALTH,
        "public health"));
    client().create().resource(publicHealth).execute();
    String heldBack = client().create().resource(observation(optedOut)).execute().getId().getIdPart();
    String shared = client().create().resource(observation(createPatient("Shared"))).execute().getId().getIdPart();

    await().atMost(Duration.ofSeconds(30)).until(() -> MINISTRY.deliveries().stream()
        .anyMatch(d -> d.path().startsWith("/ingest/") && d.body().contains("Observation/" + shared + "/_history/1")));
    assertThat(MINISTRY.deliveries()).map(Delivery::body).noneMatch(body -> body.contains("Observation/" + heldBack));
    long number = JdbcClient.create(dataSource)
        .sql("SELECT EVENT_NUMBER FROM SIHHA_OUTBOX WHERE RES_TYPE = 'Observation' AND RES_ID = ?").param(heldBack)
        .query(Long.class).single();
    assertThat(MINISTRY.deliveries()).map(Delivery::body)
        .anyMatch(body -> body.contains("\"valueString\":\"" + number + "\""));
  }

  @Test
  void aNotificationReadsEachPatientsConsentsOnceAndTheNextOneReadsThemAgain() {
    List<Collection<String>> searches = new ArrayList<>();
    List<Consent> stored = new ArrayList<>();
    PatientConsents counted = new PatientConsents() {
      @Override
      public List<Consent> active(Collection<String> patientIds) {
        searches.add(List.copyOf(patientIds));
        return List.copyOf(stored);
      }

      @Override
      public List<Consent> allActive() {
        return List.copyOf(stored);
      }
    };
    MinistryConsentFilter counting = new MinistryConsentFilter(FhirContext.forR4Cached(), counted);

    Predicate<IBaseResource> notification = counting.asOfNow();
    assertThat(notification.test(observation("p1"))).isTrue();
    assertThat(notification.test(observation("p1"))).isTrue();
    assertThat(notification.test(observation("p2"))).isTrue();
    assertThat(searches).containsExactly(List.of("p1"), List.of("p2"));

    stored.add(PrivacyConsents.denying("p1", ConsentDirectives.MINISTRY));
    assertThat(counting.asOfNow().test(observation("p1"))).as("an opt-out recorded since").isFalse();
    assertThat(searches).hasSize(3);
  }

  private static Observation observation(String patient) {
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.PRELIMINARY);
    observation.getCode().setText("heart rate");
    observation.setSubject(new Reference("Patient/" + patient));
    return observation;
  }
}
