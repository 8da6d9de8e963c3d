package health.sihha.hie.provider.aggregation.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.ledger.canonical.VersionHashExtension;
import health.sihha.hie.provider.ProviderProperties;
import health.sihha.hie.provider.ProviderServerTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox end to end: writes become numbered notifications, refused ones are parked, failures retried. */
class OutboxDeliveryTest extends ProviderServerTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired
  ProviderProperties provider;

  @Autowired
  OutboxStore outbox;

  @Autowired
  OutboxWorker worker;

  @Autowired
  DataSource dataSource;

  @Autowired
  JpaTransactionManager transactions;

  @Autowired
  MeterRegistry meters;

  @AfterEach
  void ministryAppliesEverythingAgain() {
    MINISTRY.reset();
  }

  @Test
  void oneBackportTopicSubscriptionFeedsTheMinistryAndIsActiveAfterTheHandshake() {
    await().atMost(WAIT).until(() -> subscription().getStatus() == SubscriptionStatus.ACTIVE);
    Subscription subscription = subscription();
    assertThat(subscription.getMeta().hasProfile(MinistrySubscription.PROFILE)).isTrue();
    assertThat(subscription.getCriteria()).isEqualTo(Notifications.TOPIC);
    assertThat(subscription.getCriteriaElement().getExtensionsByUrl(MinistrySubscription.FILTER_CRITERIA))
        .map(e -> e.getValue().primitiveValue())
        .containsExactlyElementsOf(provider.aggregatedTypes().stream().map(type -> type + "?").toList());
    assertThat(subscription.getChannel().getEndpoint()).isEqualTo(MINISTRY.ingestUrl() + "/provider-test");
    assertThat(subscription.getChannel().getPayloadElement().getExtensionString(MinistrySubscription.PAYLOAD_CONTENT))
        .isEqualTo("full-resource");
    assertThat(subscription.getChannel().getExtensionString(MinistrySubscription.MAX_COUNT)).isEqualTo("100");
    assertThat(subscription.getChannel().hasExtension(MinistrySubscription.HEARTBEAT_PERIOD)).isTrue();
    assertThat(subscription.getChannel().hasExtension(MinistrySubscription.TIMEOUT)).isTrue();
    assertThat(MINISTRY.deliveries()).filteredOn(d -> d.path().equals("/ingest/provider-test"))
        .anySatisfy(d -> assertThat(Notified.typeOf(d.notification())).isEqualTo("handshake"));
    assertThatThrownBy(() -> client().read().resource(Subscription.class).withId("sihha-ministry-patient").execute())
        .isInstanceOf(ResourceNotFoundException.class);
  }

  @Test
  void eachWriteIsNotifiedOnceInOrderWithTheResourceAsWritten() {
    Patient patient = newPatient("Notified");
    IdType id = (IdType) client().create().resource(patient).execute().getId().toUnqualifiedVersionless();
    patient.setId(id);
    patient.getNameFirstRep().setFamily("Notified-Again");
    client().update().resource(patient).execute();
    client().delete().resourceById(id).execute();

    await().atMost(WAIT).until(() -> !Notified.about(MINISTRY, id.getValue() + "/_history/3").isEmpty());
    Notified created = single(id.getValue() + "/_history/1");
    Notified updated = single(id.getValue() + "/_history/2");
    Notified deleted = single(id.getValue() + "/_history/3");
    assertThat(created.number()).isLessThan(updated.number());
    assertThat(updated.number()).isLessThan(deleted.number());
    assertThat(created.type()).isEqualTo("event-notification");

    Bundle notification = created.notification();
    assertThat(notification.getType()).isEqualTo(BundleType.HISTORY);
    Parameters status = (Parameters) notification.getEntryFirstRep().getResource();
    assertThat(status.getMeta().hasProfile(Notifications.STATUS_PROFILE)).isTrue();
    assertThat(((Reference) status.getParameter("subscription").getValue()).getReference())
        .endsWith("/fhir/Subscription/sihha-ministry");
    assertThat(status.getParameter("topic").getValue().primitiveValue()).isEqualTo(Notifications.TOPIC);
    assertThat(created.focus()).endsWith("/fhir/" + id.getValue() + "/_history/1");

    BundleEntryComponent create = entry(created);
    assertThat(create.getFullUrl()).endsWith("/fhir/" + id.getValue());
    assertThat(create.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
    assertThat(create.getRequest().getUrl()).isEqualTo(id.getValue());
    assertThat(create.getResponse().getStatus()).isEqualTo("201");
    assertThat(((Patient) create.getResource()).getNameFirstRep().getFamily()).isEqualTo("Notified");
    assertThat(hash(create, "salted")).as("the salted hash the provider's ledger anchors for the version")
        .isEqualTo(anchoredHash(id, "1"));
    assertThat(hash(create, "unsalted")).matches("[0-9a-f]{64}").isNotEqualTo(hash(create, "salted"));
    BundleEntryComponent update = entry(updated);
    assertThat(update.getResponse().getStatus()).isEqualTo("200");
    assertThat(((Patient) update.getResource()).getNameFirstRep().getFamily()).isEqualTo("Notified-Again");
    BundleEntryComponent delete = entry(deleted);
    assertThat(delete.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.DELETE);
    assertThat(delete.getResponse().getStatus()).isEqualTo("204");
    assertThat(delete.getResponse().getEtag()).isEqualTo("W/\"3\"");
    assertThat(delete.hasResource()).isFalse();
    assertThat(delete.hasExtension(VersionHashExtension.URL)).as("a deletion has no content to hash").isFalse();
  }

  private static String hash(BundleEntryComponent entry, String which) {
    return entry.getExtensionByUrl(VersionHashExtension.URL).getExtensionString(which);
  }

  private String anchoredHash(IdType id, String version) {
    Parameters in = new Parameters();
    in.addParameter().setName("version").setValue(new StringType(version));
    Parameters proof = await().atMost(WAIT).ignoreExceptionsMatching(
            e -> e instanceof BaseServerResponseException refused && refused.getStatusCode() == 404)
        .until(() -> client().operation().onInstance(id).named("$ledger-proof").withParameters(in).execute(),
            p -> true);
    return proof.getParameter("entry").getPart().stream().filter(p -> p.getName().equals("hash")).findFirst()
        .orElseThrow().getValue().primitiveValue();
  }

  @Test
  void aRefusedEventIsParkedAndHoldsBackOnlyLaterVersionsOfItsResourceUntilRetried() {
    String refusedId = "parked" + UUID.randomUUID().toString().substring(0, 8);
    MINISTRY.answerEvents(focus -> focus != null && focus.contains("/Patient/" + refusedId + "/") ? 400 : 200);
    Patient refused = newPatient("Refused");
    refused.setId("Patient/" + refusedId);
    client().update().resource(refused).execute();
    await().atMost(WAIT).until(() -> !parkedNumbers().isEmpty() && !Notified.about(MINISTRY,
        "Patient/" + refusedId + "/_history/1").isEmpty());
    long parked = Notified.about(MINISTRY, "Patient/" + refusedId + "/_history/1").get(0).number();
    assertThat(parkedNumbers()).contains(parked);

    refused.getNameFirstRep().setFamily("Refused-Again");
    client().update().resource(refused).execute();
    String other = createPatient("FlowsPastTheParkedOne");
    await().atMost(WAIT).until(() -> !Notified.about(MINISTRY, "Patient/" + other + "/_history/1").isEmpty());
    assertThat(Notified.about(MINISTRY, "Patient/" + refusedId + "/_history/2")).as("held back").isEmpty();

    MINISTRY.reset();
    Parameters released = client().operation().onInstance(new IdType("Subscription", MinistrySubscription.ID))
        .named("$retry").withParameter(Parameters.class, "eventNumber", new StringType(Long.toString(parked)))
        .execute();
    assertThat(released.getParameter("released").getValue().primitiveValue()).isEqualTo("1");
    await().atMost(WAIT).until(() -> !Notified.about(MINISTRY, "Patient/" + refusedId + "/_history/2").isEmpty());
    List<Notified> all = Notified.all(MINISTRY);
    assertThat(all.stream().filter(e -> e.number() == parked).count()).isEqualTo(2);
    assertThat(parkedNumbers()).doesNotContain(parked);
  }

  @Test
  void aFailingMinistryIsRetriedWithBackoffAndGetsTheSameNumbersLater() {
    MINISTRY.answerWhole(503);
    String id = createPatient("WhileTheMinistryIsDown");
    String version = "Patient/" + id + "/_history/1";
    await().atMost(WAIT).until(() -> Notified.about(MINISTRY, version).size() >= 2);
    await().atMost(WAIT).until(() -> "error".equals(statusParameter("status")));
    assertThat(Notified.about(MINISTRY, version)).map(Notified::number).containsOnly(
        Notified.about(MINISTRY, version).get(0).number());

    MINISTRY.reset();
    await().atMost(WAIT).until(() -> "active".equals(statusParameter("status")));
    assertThat(Notified.about(MINISTRY, version)).map(Notified::number).containsOnly(
        Notified.about(MINISTRY, version).get(0).number());
    await().atMost(WAIT).until(() -> outbox.events(Notified.about(MINISTRY, version).get(0).number(),
        Notified.about(MINISTRY, version).get(0).number()).get(0).state().equals(OutboxStore.DELIVERED));
  }

  @Test
  void eventNumbersArePersistedAndContinueAfterARestartOfTheDispatcher() {
    worker.stop();
    String id;
    long next;
    try {
      id = createPatient("WrittenWhileStopped");
      next = outbox.subscription(MinistrySubscription.ID).orElseThrow().lastNumber() + 1;
      EventNumbering restarted = new EventNumbering(new OutboxStore(JdbcClient.create(dataSource)),
          new TransactionTemplate(transactions), MinistrySubscription.ID);
      assertThat(restarted.numberWaiting()).isEqualTo(1);
      assertThat(outbox.events(next, next)).singleElement()
          .satisfies(event -> assertThat(event.resource()).isEqualTo("Patient/" + id));
    } finally {
      worker.start();
    }
    await().atMost(WAIT).until(() -> !Notified.about(MINISTRY, "Patient/" + id + "/_history/1").isEmpty());
    assertThat(Notified.about(MINISTRY, "Patient/" + id + "/_history/1").get(0).number()).isEqualTo(next);
  }

  @Test
  void eventsReplaysWhatWasSentAndStatusCountsIt() {
    String id = createPatient("Replayed");
    String version = "Patient/" + id + "/_history/1";
    await().atMost(WAIT).until(() -> !Notified.about(MINISTRY, version).isEmpty());
    long number = Notified.about(MINISTRY, version).get(0).number();

    Bundle replay = client().operation().onInstance(new IdType("Subscription", MinistrySubscription.ID))
        .named("$events").withParameter(Parameters.class, "eventsSinceNumber", new StringType(Long.toString(number)))
        .andParameter("eventsUntilNumber", new StringType(Long.toString(number)))
        .andParameter("content", new StringType("full-resource"))
        .useHttpGet().returnResourceType(Bundle.class).execute();
    assertThat(Notified.of(replay)).singleElement().satisfies(event -> {
      assertThat(event.number()).isEqualTo(number);
      assertThat(event.type()).isEqualTo("query-event");
      assertThat(event.focus()).endsWith(version);
    });
    assertThat(replay.getEntry().get(1).getFullUrl()).endsWith("/Patient/" + id);

    Bundle status = statusBundle();
    assertThat(status.getType()).isEqualTo(BundleType.SEARCHSET);
    Parameters parameters = (Parameters) status.getEntryFirstRep().getResource();
    assertThat(parameters.getParameter("type").getValue().primitiveValue()).isEqualTo("query-status");
    assertThat(Long.parseLong(parameters.getParameter("events-since-subscription-start").getValue().primitiveValue()))
        .isGreaterThanOrEqualTo(number);
  }

  @Test
  void aHeartbeatCarriesTheCountWhenNothingElseWasSent() {
    await().atMost(WAIT).until(() -> MINISTRY.deliveries().stream()
        .filter(d -> d.path().equals("/ingest/provider-test"))
        .anyMatch(d -> Notified.typeOf(d.notification()).equals("heartbeat")
            && ((Parameters) d.notification().getEntryFirstRep().getResource())
                .getParameter("events-since-subscription-start") != null
            && d.notification().getEntry().size() == 1));
  }

  @Test
  void theMetricsShowTheBacklogTheLastNumberAndTheLag() {
    String id = createPatient("Measured");
    await().atMost(WAIT).until(() -> !Notified.about(MINISTRY, "Patient/" + id + "/_history/1").isEmpty());
    long number = Notified.about(MINISTRY, "Patient/" + id + "/_history/1").get(0).number();
    assertThat(meters.get("sihha.outbox.last.event.number").tag("subscription", MinistrySubscription.ID).gauge()
        .value()).isGreaterThanOrEqualTo(number);
    assertThat(meters.get("sihha.outbox.undelivered").gauge().value()).isNotNegative();
    assertThat(meters.get("sihha.outbox.parked").gauge().value()).isNotNegative();
    assertThat(meters.get("sihha.outbox.delivery.lag").timer().count()).isPositive();
  }

  @Test
  void badOperationInputIsAnsweredWithItsCode() {
    assertThatThrownBy(() -> events("eventsSinceNumber", "abc")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("SIHHA-1091");
    assertThatThrownBy(() -> events("content", "id-only")).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("SIHHA-1092");
    assertThatThrownBy(() -> client().operation().onInstance(new IdType("Subscription", "other")).named("$status")
        .withNoParameters(Parameters.class).useHttpGet().returnResourceType(Bundle.class).execute())
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("SIHHA-1090");
  }

  @Test
  void aTransactionThatFailsLeavesNoOutboxRow() {
    String id = "rolledback" + UUID.randomUUID().toString().substring(0, 8);
    Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
    Patient patient = newPatient("RolledBack");
    patient.setId(id);
    transaction.addEntry().setResource(patient).getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/" + id);
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().setText("heart rate");
    observation.setSubject(new Reference("Patient/missing-" + id));
    transaction.addEntry().setResource(observation).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");

    assertThatThrownBy(() -> client().transaction().withBundle(transaction).execute())
        .isInstanceOf(BaseServerResponseException.class);
    assertThat(JdbcClient.create(dataSource).sql("SELECT COUNT(*) FROM SIHHA_OUTBOX WHERE RES_ID = ?").param(id)
        .query(Long.class).single()).isZero();
  }

  private Bundle events(String name, String value) {
    return client().operation().onInstance(new IdType("Subscription", MinistrySubscription.ID)).named("$events")
        .withParameter(Parameters.class, name, new StringType(value)).useHttpGet().returnResourceType(Bundle.class)
        .execute();
  }

  private Bundle statusBundle() {
    return client().operation().onInstance(new IdType("Subscription", MinistrySubscription.ID)).named("$status")
        .withNoParameters(Parameters.class).useHttpGet().returnResourceType(Bundle.class).execute();
  }

  private String statusParameter(String name) {
    Parameters status = (Parameters) statusBundle().getEntryFirstRep().getResource();
    return ((PrimitiveType<?>) status.getParameter(name).getValue()).getValueAsString();
  }

  private List<Long> parkedNumbers() {
    Parameters parked = client().operation().onInstance(new IdType("Subscription", MinistrySubscription.ID))
        .named("$parked").withNoParameters(Parameters.class).useHttpGet().execute();
    return parked.getParameter().stream().map(p -> p.getPart().stream()
        .filter(part -> part.getName().equals("event-number")).findFirst().orElseThrow())
        .map(part -> Long.parseLong(part.getValue().primitiveValue())).toList();
  }

  private static Notified single(String versionedReference) {
    List<Notified> events = Notified.about(MINISTRY, versionedReference);
    assertThat(events).as(versionedReference).hasSize(1);
    return events.get(0);
  }

  /** The entry of {@code event} in its notification: the entries follow the events with a focus, in order. */
  private static BundleEntryComponent entry(Notified event) {
    List<Notified> withFocus = Notified.of(event.notification()).stream().filter(e -> e.focus() != null).toList();
    return event.notification().getEntry().get(1 + withFocus.indexOf(event));
  }

  private Subscription subscription() {
    return client().read().resource(Subscription.class).withId(MinistrySubscription.ID).execute();
  }
}
