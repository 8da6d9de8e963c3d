package health.sihha.hie.ministry.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.ledger.Sha256;
import health.sihha.hie.interceptors.ledger.canonical.ResourceCanonicalizer;
import health.sihha.hie.interceptors.ledger.canonical.ResourceHasher;
import health.sihha.hie.ministry.MinistryServerTest;
import health.sihha.hie.ministry.ingest.IngestionState.Held;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The ingestion endpoint, driven as a provider delivers: notification bundles of the delivery contract. */
class IngestionTest extends MinistryServerTest {

  @Autowired
  private IngestionState state;

  private static final String PLACEHOLDER = "http://hapifhir.io/fhir/StructureDefinition/resource-placeholder";
  private static final String A = providerBase("provider-a");

  @Test
  void storesUnderNationalIdStampedWithItsSource() {
    String id = newId();
    Bundle response = deliver("provider-a", patient(id, 1, "Haddad"));

    assertThat(response.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
    assertThat(response.getEntry()).singleElement()
        .satisfies(entry -> assertThat(entry.getResponse().getStatus()).isEqualTo("200"));
    Patient stored = readNational("provider-a." + id);
    assertThat(stored.getNameFirstRep().getFamily()).isEqualTo("Haddad");
    assertThat(stored.getMeta().getSource()).startsWith(A + "/Patient/" + id + "/_history/1");
    Coding tag = stored.getMeta().getTag(SourceStamp.SYSTEM, "provider-a");
    assertThat(tag).isNotNull();
    assertThat(tag.getDisplay()).isEqualTo("Provider A");
    Bundle bySource = nationalStore().search().forResource(Patient.class)
        .withTag(SourceStamp.SYSTEM, "provider-a").where(Patient.RES_ID.exactly().code("provider-a." + id))
        .returnBundle(Bundle.class).execute();
    assertThat(bySource.getEntry()).hasSize(1);
  }

  @Test
  void theHashesAVersionCameWithAreKeptAndContentThatDoesNotMatchItsHashIsRefused() {
    String id = newId();
    Patient first = patient(id, 1, "Hashed");
    String salted = Sha256.of(id.getBytes(StandardCharsets.UTF_8)).toHex();
    Bundle response = deliver("provider-a",
        Notifications.from(A).written(1, first, 1).hashed(salted, unsaltedAtProvider(first)).bundle());
    assertThat(response.getEntryFirstRep().getResponse().getStatus()).isEqualTo("200");
    Held held = state.all("provider-a", "Patient").stream().filter(h -> h.key().id().equals(id)).findFirst()
        .orElseThrow();
    assertThat(held.contentHash().toHex()).isEqualTo(unsaltedAtProvider(first));
    assertThat(held.ledgerHash().toHex()).as("the salted hash, as sent: the ministry cannot compute it")
        .isEqualTo(salted);

    Patient second = patient(id, 2, "Changed-On-The-Way");
    Bundle refused = deliver("provider-a", Notifications.from(A).written(2, second, 2)
        .hashed(salted, unsaltedAtProvider(patient(id, 2, "As-Written"))).bundle());
    assertThat(refused.getEntryFirstRep().getResponse().getStatus()).isEqualTo("422");
    assertThat(((OperationOutcome) refused.getEntryFirstRep().getResponse().getOutcome()).getIssueFirstRep()
        .getDiagnostics()).contains("SIHHA-1126");
    assertThat(readNational("provider-a." + id).getNameFirstRep().getFamily()).isEqualTo("Hashed");

    assertThatThrownBy(() -> deliver("provider-a", Notifications.from(A).written(3, second, 2)
        .hashed("not-a-hash", unsaltedAtProvider(second)).bundle()))
        .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("SIHHA-1125");
  }

  @Test
  void eachApplyIsAuditedAsAnImportFromItsProviderNamingTheVersionsAndHashesReceived() {
    String first = newId();
    String second = newId();
    Patient one = patient(first, 1, "Audited-One");
    String salted = Sha256.of(first.getBytes(StandardCharsets.UTF_8)).toHex();
    Bundle notification = Notifications.from(A).written(1, one, 1).hashed(salted, unsaltedAtProvider(one))
        .written(2, patient(second, 1, "Audited-Two"), 1).bundle();
    deliver("provider-a", notification);
    deliver("provider-a", notification);

    List<AuditEvent> events = auditEventsAbout("Patient/provider-a." + first);
    assertThat(events).as("one import; the redelivery changed nothing and is not one").singleElement();
    AuditEvent event = events.get(0);
    assertThat(event.getType().getCode()).isEqualTo("110107");
    assertThat(event.getAgent()).filteredOn(AuditEvent.AuditEventAgentComponent::getRequestor).singleElement()
        .satisfies(agent -> assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("provider-a"));
    assertThat(event.getEntity()).extracting(entity -> entity.getWhat().getReferenceElement().toVersionless()
        .getValue()).contains("Patient/provider-a." + first, "Patient/provider-a." + second);
    AuditEvent.AuditEventEntityComponent entity = event.getEntity().stream().filter(e -> e.getWhat()
        .getReferenceElement().getIdPart().equals("provider-a." + first)).findFirst().orElseThrow();
    assertThat(detail(entity, "source")).isEqualTo(A + "/Patient/" + first + "/_history/1");
    assertThat(detail(entity, "ledger-hash")).isEqualTo(salted);
    assertThat(detail(entity, "content-hash")).isEqualTo(unsaltedAtProvider(one));
  }

  private List<AuditEvent> auditEventsAbout(String nationalId) {
    Bundle found = nationalStore().search().forResource(AuditEvent.class)
        .where(AuditEvent.ENTITY.hasId(nationalId)).returnBundle(Bundle.class).execute();
    return found.getEntry().stream().map(e -> (AuditEvent) e.getResource()).toList();
  }

  private static String detail(AuditEvent.AuditEventEntityComponent entity, String type) {
    return entity.getDetail().stream().filter(d -> d.getType().equals(type)).findFirst().orElseThrow()
        .getValue().primitiveValue();
  }

  /** The unsalted hash the provider at {@link #A} sends with {@code resource}. */
  private static String unsaltedAtProvider(Patient resource) {
    return ResourceHasher.unsaltedHash(ResourceCanonicalizer.r4(A).canonicalBytes(resource)).toHex();
  }

  @Test
  void redeliveryOfTheSameVersionChangesNothing() {
    String id = newId();
    Bundle once = Notifications.from(A).written(1, patient(id, 1, "Once"), 1).bundle();
    deliver("provider-a", once);
    deliver("provider-a", once);
    Bundle again = deliver("provider-a", once);

    assertThat(again.getEntryFirstRep().getResponse().getStatus()).isEqualTo("200");
    assertThat(readNational("provider-a." + id).getMeta().getVersionId()).isEqualTo("1");
    assertThat(history("Patient/provider-a." + id).getEntry()).hasSize(1);
  }

  @Test
  void anOlderVersionArrivingLateIsIgnored() {
    String id = newId();
    deliver("provider-a", patient(id, 2, "Newer"));
    deliver("provider-a", patient(id, 1, "Older"));

    Patient stored = readNational("provider-a." + id);
    assertThat(stored.getNameFirstRep().getFamily()).isEqualTo("Newer");
    assertThat(stored.getMeta().getSource()).contains("/_history/2");
  }

  @Test
  void aDeletionIsATombstoneThatAnOlderVersionCannotResurrect() {
    String id = newId();
    deliver("provider-a", patient(id, 1, "Deleted"));
    deliverDeletion("provider-a", "Patient", id, 3);
    deliver("provider-a", patient(id, 2, "Late"));
    deliver("provider-a", observation(newId(), id));

    assertThatThrownBy(() -> readNational("provider-a." + id)).as("no placeholder over the deleted Patient either")
        .isInstanceOf(ResourceGoneException.class);

    deliver("provider-a", patient(id, 4, "Recreated"));
    assertThat(readNational("provider-a." + id).getNameFirstRep().getFamily()).isEqualTo("Recreated");
  }

  @Test
  void aDeletionOfWhatNeverArrivedKeepsOutTheLateWrite() {
    String id = newId();
    deliverDeletion("provider-a", "Patient", id, 2);
    deliver("provider-a", patient(id, 1, "Never"));

    assertThat(nationalStore().search().forResource(Patient.class).where(Patient.RES_ID.exactly()
        .code("provider-a." + id)).returnBundle(Bundle.class).execute().getEntry()).isEmpty();
  }

  @Test
  void aReferenceArrivingBeforeItsTargetMakesAPlaceholderThatTheTargetReplaces() {
    String patientId = newId();
    String observationId = newId();
    deliver("provider-a", observation(observationId, patientId));

    Observation storedObservation = nationalStore().read().resource(Observation.class)
        .withId("provider-a." + observationId).execute();
    assertThat(storedObservation.getSubject().getReference()).isEqualTo("Patient/provider-a." + patientId);
    assertThat(readNational("provider-a." + patientId).hasExtension(PLACEHOLDER)).isTrue();

    deliver("provider-a", patient(patientId, 1, "Late"));
    Patient resolved = readNational("provider-a." + patientId);
    assertThat(resolved.hasExtension(PLACEHOLDER)).isFalse();
    assertThat(resolved.getNameFirstRep().getFamily()).isEqualTo("Late");
    Bundle ofPatient = nationalStore().search().forResource(Observation.class)
        .where(Observation.SUBJECT.hasId("Patient/provider-a." + patientId))
        .include(Observation.INCLUDE_SUBJECT).returnBundle(Bundle.class).execute();
    assertThat(ofPatient.getEntry()).extracting(e -> e.getResource().getIdElement().getIdPart())
        .containsExactlyInAnyOrder("provider-a." + observationId, "provider-a." + patientId);
  }

  @Test
  void theSameIdFromTwoProvidersLandsOnTwoNationalResources() {
    String id = newId();
    deliver("provider-a", patient(id, 1, "FromA"));
    deliver("provider-b", patient(id, 1, "FromB"));

    assertThat(readNational("provider-a." + id).getNameFirstRep().getFamily()).isEqualTo("FromA");
    assertThat(readNational("provider-b." + id).getNameFirstRep().getFamily()).isEqualTo("FromB");
  }

  @Test
  void eachEventIsAnsweredInOrderAndARefusedOneLeavesTheOthersApplied() {
    String first = newId();
    String last = newId();
    Observation elsewhere = observation(newId(), newId());
    elsewhere.setSubject(new Reference("http://provider-b.test/fhir/Patient/" + newId()));
    Claim claim = new Claim();
    claim.setId("Claim/" + newId());
    Bundle notification = Notifications.from(A)
        .written(11, patient(first, 1, "First"), 1)
        .written(12, elsewhere, 1)
        .withheld(13)
        .written(14, claim, 1)
        .written(15, patient(last, 1, "Last"), 1)
        .bundle();

    Bundle response = deliver("provider-a", notification);

    assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus())
        .containsExactly("200", "422", "200", "422", "200");
    assertThat(outcome(response.getEntry().get(1)).getIssueFirstRep().getDiagnostics()).contains("SIHHA-1104");
    assertThat(outcome(response.getEntry().get(3)).getIssueFirstRep().getDiagnostics()).contains("SIHHA-1119");
    assertThat(readNational("provider-a." + first).getNameFirstRep().getFamily()).isEqualTo("First");
    assertThat(readNational("provider-a." + last).getNameFirstRep().getFamily()).isEqualTo("Last");
  }

  @Test
  void aRefusedVersionHoldsBackTheLaterVersionsOfItsResourceInTheSameNotificationOnly() {
    String refusedId = newId();
    String other = newId();
    String patientId = newId();
    Observation elsewhere = observation(refusedId, patientId);
    elsewhere.setSubject(new Reference("http://provider-b.test/fhir/Patient/" + newId()));
    Observation corrected = observation(refusedId, patientId);
    corrected.getMeta().setVersionId("2");
    Bundle notification = Notifications.from(A)
        .written(31, elsewhere, 1)
        .written(32, patient(other, 1, "Unrelated"), 1)
        .written(33, corrected, 2)
        .bundle();

    Bundle response = deliver("provider-a", notification);

    assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus())
        .containsExactly("422", "200", "409");
    assertThat(outcome(response.getEntry().get(2)).getIssueFirstRep().getDiagnostics()).contains("SIHHA-1127");
    assertThat(nationalStore().search().forResource(Observation.class).where(Observation.RES_ID.exactly()
        .code("provider-a." + refusedId)).returnBundle(Bundle.class).execute().getEntry())
        .as("version 2 waits for version 1, which the provider parks").isEmpty();
    assertThat(readNational("provider-a." + other).getNameFirstRep().getFamily()).isEqualTo("Unrelated");

    Bundle alone = deliver("provider-a", Notifications.from(A).written(34, corrected, 2).bundle());
    assertThat(alone.getEntryFirstRep().getResponse().getStatus())
        .as("sent again on its own, once the provider released it").isEqualTo("200");
  }

  @Test
  void theEventsOfOneNotificationAppliedTogetherKeepVersionOrderPlaceholdersAndTombstones() {
    String patientId = newId();
    String early = newId();
    String twice = newId();
    String deleted = newId();
    Observation secondVersion = observation(twice, patientId);
    secondVersion.getMeta().setVersionId("2");
    secondVersion.setStatus(Observation.ObservationStatus.AMENDED);
    Bundle notification = Notifications.from(A)
        .written(21, observation(early, patientId), 1)
        .written(22, patient(patientId, 1, "Together"), 1)
        .written(23, observation(twice, patientId), 1)
        .written(24, secondVersion, 2)
        .written(25, observation(twice, patientId), 1)
        .deleted(26, "Observation", deleted, 2)
        .written(27, observation(deleted, patientId), 1)
        .bundle();

    Bundle response = deliver("provider-a", notification);

    assertThat(response.getEntry()).extracting(e -> e.getResponse().getStatus()).containsOnly("200").hasSize(7);
    Patient patient = readNational("provider-a." + patientId);
    assertThat(patient.hasExtension(PLACEHOLDER)).as("the placeholder written by event 21 was replaced").isFalse();
    assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("Together");
    Observation held = nationalStore().read().resource(Observation.class).withId("provider-a." + twice).execute();
    assertThat(held.getStatus()).as("version 2, not the redelivered version 1")
        .isEqualTo(Observation.ObservationStatus.AMENDED);
    assertThat(held.getMeta().getSource()).contains("/_history/2");
    assertThat(history("Observation/provider-a." + twice).getEntry()).hasSize(2);
    assertThat(nationalStore().search().forResource(Observation.class).where(Observation.RES_ID.exactly()
        .code("provider-a." + deleted)).returnBundle(Bundle.class).execute().getEntry())
        .as("the late version 1 after the deletion").isEmpty();
    assertThat(nationalStore().read().resource(Observation.class).withId("provider-a." + early).execute()
        .getSubject().getReference()).isEqualTo("Patient/provider-a." + patientId);
  }

  @Test
  void aHeartbeatIsAnsweredWithAnEmptyBatchResponse() {
    Bundle response = deliver("provider-a", Notifications.heartbeat(A, 0));

    assertThat(response.getType()).isEqualTo(Bundle.BundleType.BATCHRESPONSE);
    assertThat(response.getEntry()).isEmpty();
  }

  @Test
  void anUnregisteredProviderIsRefused() {
    Bundle notification = Notifications.from("http://provider-x.test/fhir").written(1, patient(newId(), 1, "X"), 1)
        .bundle();
    assertThatThrownBy(() -> deliver("provider-x", notification))
        .isInstanceOf(ForbiddenOperationException.class)
        .hasMessageContaining("SIHHA-1118");
  }

  @Test
  void aBundleThatIsNoNotificationIsRefused() {
    Bundle transaction = Notifications.from(A).written(1, patient(newId(), 1, "T"), 1).bundle()
        .setType(Bundle.BundleType.TRANSACTION);
    assertThatThrownBy(() -> deliver("provider-a", transaction))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("SIHHA-1110");

    Bundle noStatus = Notifications.from(A).written(1, patient(newId(), 1, "T"), 1).bundle();
    noStatus.getEntry().remove(0);
    assertThatThrownBy(() -> deliver("provider-a", noStatus))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("SIHHA-1111");
  }

  @Test
  void aFocusWithoutItsEntryIsRefused() {
    Bundle missingEntry = Notifications.from(A).written(1, patient(newId(), 1, "T"), 1).bundle();
    missingEntry.getEntry().remove(1);
    assertThatThrownBy(() -> deliver("provider-a", missingEntry))
        .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("SIHHA-1113");

    Bundle otherEntry = Notifications.from(A).written(1, patient(newId(), 1, "T"), 1).bundle();
    otherEntry.getEntry().get(1).setFullUrl(A + "/Patient/" + newId());
    assertThatThrownBy(() -> deliver("provider-a", otherEntry))
        .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("SIHHA-1114");

    Bundle otherServer = Notifications.from("http://provider-b.test/fhir").written(1, patient(newId(), 1, "T"), 1)
        .bundle();
    assertThatThrownBy(() -> deliver("provider-a", otherServer)).hasMessageContaining("SIHHA-1116");
  }

  @Test
  void aRelativeFocusIsTheProvidersOwnAndAFocusElsewhereIsRefused() {
    String id = newId();
    Bundle relative = Notifications.from(A).written(1, patient(id, 1, "Relative"), 1).bundle();
    focusOf(relative).setReference("Patient/" + id + "/_history/1");
    assertThat(deliver("provider-a", relative).getEntryFirstRep().getResponse().getStatus()).isEqualTo("200");
    assertThat(readNational("provider-a." + id).getNameFirstRep().getFamily()).isEqualTo("Relative");

    Bundle elsewhere = Notifications.from(A).written(1, patient(newId(), 1, "Elsewhere"), 1).bundle();
    focusOf(elsewhere).setReference("http://provider-b.test/fhir/Patient/x/_history/1");
    assertThatThrownBy(() -> deliver("provider-a", elsewhere))
        .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("SIHHA-1115");
  }

  private static Reference focusOf(Bundle notification) {
    Parameters status = (Parameters) notification.getEntryFirstRep().getResource();
    return (Reference) status.getParameter().stream().filter(p -> "notification-event".equals(p.getName()))
        .findFirst().orElseThrow().getPart().stream().filter(p -> "focus".equals(p.getName())).findFirst()
        .orElseThrow().getValue();
  }

  @Test
  void applyOutcomesAndReplicationLagAreMetered() throws Exception {
    deliver("provider-b", patient(newId(), 1, "Metered"));

    HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(), BodyHandlers.ofString());
    assertThat(scrape.body())
        .containsPattern("sihha_ingest_resources_total\\{.*outcome=\"created\",provider=\"provider-b\",type=\"Patient\"")
        .containsPattern("sihha_ingest_replication_lag_seconds\\{.*provider=\"provider-b\",quantile=\"0.99\"")
        .containsPattern("sihha_ingest_event_last\\{.*provider=\"provider-b\",subscription=\"sihha-ministry\"");
  }

  private Patient readNational(String nationalId) {
    return nationalStore().read().resource(Patient.class).withId(nationalId).execute();
  }

  private Bundle history(String id) {
    return nationalStore().history().onInstance(id).returnBundle(Bundle.class).execute();
  }

  private static OperationOutcome outcome(BundleEntryComponent entry) {
    return (OperationOutcome) entry.getResponse().getOutcome();
  }

  static Patient patient(String id, int version, String family) {
    Patient patient = new Patient();
    patient.setId("Patient/" + id);
    patient.getMeta().setVersionId(Integer.toString(version));
    patient.addName().setFamily(family);
    return patient;
  }

  static Observation observation(String id, String patientId) {
    Observation observation = new Observation();
    observation.setId("Observation/" + id);
    observation.getMeta().setVersionId("1");
    observation.setStatus(Observation.ObservationStatus.FINAL);
    observation.getCode().addCoding().setSystem("http://loinc.org").setCode("8302-2");
    observation.setSubject(new Reference("Patient/" + patientId));
    return observation;
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }
}
