package health.sihha.hie.provider.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.provider.ProviderServerTest;
import health.sihha.hie.provider.TestIdentities;
import java.time.Duration;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The BALP audit trail at the provider: every REST create, read, search, update and delete of an identified request
 * leaves one AuditEvent, stored in the write's transaction, anchored in the ledger, never audited itself nor sent to
 * the ministry; anonymous requests leave none.
 */
class AuditTrailTest extends ProviderServerTest {

  private static final String FACILITY = "provider-test";

  @Autowired
  private DaoRegistry daos;

  @Autowired
  private IInterceptorService jpaInterceptors;

  @Autowired
  private JdbcTemplate jdbc;

  @Test
  void createReadSearchUpdateDeleteEachLeaveTheirAuditEvent() {
    String token = TestIdentities.user(FACILITY, null, "nurse");
    IGenericClient nurse = client(token);
    Date start = new Date();
    String id = nurse.create().resource(newPatient("Audited")).execute().getId().getIdPart();
    Patient patient = nurse.read().resource(Patient.class).withId(id).execute();
    nurse.search().forResource(Patient.class).where(Patient.RES_ID.exactly().code(id)).returnBundle(Bundle.class)
        .execute();
    nurse.update().resource(patient.setActive(true)).execute();
    nurse.delete().resourceById("Patient", id).execute();

    List<AuditEvent> events = eventsOf(TestIdentities.subject(token), start);
    assertThat(events).extracting(AuditEvent::getAction).containsExactly(AuditEventAction.C, AuditEventAction.R,
        AuditEventAction.E, AuditEventAction.U, AuditEventAction.D);
    assertThat(events).extracting(event -> event.getSubtypeFirstRep().getCode())
        .containsExactly("create", "read", "search-type", "update", "delete");
    assertThat(events).allSatisfy(event -> {
      assertThat(event.getOutcome()).isEqualTo(AuditEventOutcome._0);
      assertThat(event.getType().getCode()).isEqualTo("rest");
      assertThat(requestor(event).getWho().getIdentifier().getValue()).isEqualTo(TestIdentities.subject(token));
      assertThat(event.getAgent()).anySatisfy(agent ->
          assertThat(agent.getWho().getIdentifier().getValue()).isEqualTo("sihha-dev-cli"));
    });
    // the patient entity names the patient while it exists; the delete's, made once it is gone, as display text
    for (AuditEvent event : events.subList(0, 4)) {
      assertThat(entities(event)).contains("Patient/" + id);
    }
    assertThat(events.get(4).getEntity()).extracting(entity -> entity.getWhat().getDisplay())
        .contains("Patient/" + id);
  }

  @Test
  void aBundleForTwoPatientsLeavesOneEventPerPatientNamingOnlyThatPatientsResources() {
    String token = TestIdentities.user(FACILITY, null, "physician");
    Date start = new Date();
    Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
    for (String name : List.of("Audited-First", "Audited-Second")) {
      String patient = "urn:uuid:" + UUID.randomUUID();
      bundle.addEntry().setFullUrl(patient).setResource(newPatient(name)).getRequest().setMethod(HTTPVerb.POST)
          .setUrl("Patient");
      Observation observation = new Observation().setStatus(ObservationStatus.FINAL);
      observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");
      observation.getSubject().setReference(patient);
      bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(observation).getRequest()
          .setMethod(HTTPVerb.POST).setUrl("Observation");
    }
    List<String> created = client(token).transaction().withBundle(bundle).execute().getEntry().stream()
        .map(entry -> new IdType(entry.getResponse().getLocation()).toUnqualifiedVersionless().getValue()).toList();

    List<AuditEvent> events = eventsOf(TestIdentities.subject(token), start);
    assertThat(events).hasSize(2).allSatisfy(event -> assertThat(event.getAction()).isEqualTo(AuditEventAction.C));
    assertThat(events).extracting(AuditTrailTest::writtenResources)
        .containsExactlyInAnyOrder(created.subList(0, 2), created.subList(2, 4));
    for (AuditEvent event : events) {
      String patient = writtenResources(event).get(0);
      assertThat(event.getEntity()).filteredOn(entity -> "1".equals(entity.getRole().getCode()))
          .extracting(entity -> entity.getWhat().getReference()).containsExactly(patient);
    }
  }

  @Test
  void aCreateByUpdateWithTheClientsIdIsLinkedToTheResourceItMade() {
    IGenericClient nurse = client(TestIdentities.user(FACILITY, null, "nurse"));
    String id = "audited-" + UUID.randomUUID();
    Patient patient = newPatient("Audited-By-Put");
    patient.setId("Patient/" + id);

    assertThat(nurse.update().resource(patient).execute().getCreated()).isTrue();

    SearchParameterMap aboutIt = SearchParameterMap.newSynchronous()
        .add(AuditEvent.SP_ENTITY, new ReferenceParam("Patient/" + id));
    assertThat(daos.getResourceDao(AuditEvent.class).search(aboutIt, new SystemRequestDetails()).getAllResources())
        .extracting(event -> ((AuditEvent) event).getAction()).containsExactly(AuditEventAction.C);
  }

  @Test
  void aTransactionsEventsAreLinkedToItsPatientAndADeletionAmongThemNamesItsResourceAsText() {
    String token = TestIdentities.user(FACILITY, null, "physician");
    IGenericClient physician = client(token);
    Date start = new Date();
    Bundle admission = new Bundle().setType(BundleType.TRANSACTION);
    admission.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(newPatient("Audited-Together"))
        .getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
    for (String note : List.of("first", "second")) {
      Observation observation = new Observation().setStatus(ObservationStatus.PRELIMINARY);
      observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7");
      observation.getSubject().setReference(admission.getEntryFirstRep().getFullUrl());
      observation.addNote().setText(note);
      admission.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(observation).getRequest()
          .setMethod(HTTPVerb.POST).setUrl("Observation");
    }
    List<String> created = physician.transaction().withBundle(admission).execute().getEntry().stream()
        .map(entry -> new IdType(entry.getResponse().getLocation()).toUnqualifiedVersionless().getValue()).toList();
    Observation second = physician.read().resource(Observation.class).withId(created.get(2)).execute();
    Bundle changes = new Bundle().setType(BundleType.TRANSACTION);
    changes.addEntry().getRequest().setMethod(HTTPVerb.DELETE).setUrl(created.get(1));
    changes.addEntry().setResource(second.setStatus(ObservationStatus.CANCELLED)).getRequest()
        .setMethod(HTTPVerb.PUT).setUrl(created.get(2));
    physician.transaction().withBundle(changes).execute();

    List<AuditEvent> events = eventsOf(TestIdentities.subject(token), start);
    List<AuditEvent> writes = events.stream().filter(event -> event.getAction() != AuditEventAction.R).toList();
    // one event per kind of write of a Bundle, naming each resource written; HAPI fires a transaction's deferred
    // pre-commit hooks grouped by pointcut, the groups in no set order
    assertThat(writes).hasSize(3);
    assertThat(writes.get(0).getAction()).isEqualTo(AuditEventAction.C);
    assertThat(writtenResources(writes.get(0))).containsExactlyElementsOf(created);
    assertThat(writes.subList(1, 3)).extracting(AuditEvent::getAction)
        .containsExactlyInAnyOrder(AuditEventAction.D, AuditEventAction.U);
    AuditEvent deletion = action(writes, AuditEventAction.D);
    AuditEvent update = action(writes, AuditEventAction.U);
    SearchParameterMap aboutThePatient = SearchParameterMap.newSynchronous()
        .add(AuditEvent.SP_ENTITY, new ReferenceParam(created.get(0)));
    List<String> linked = daos.getResourceDao(AuditEvent.class).search(aboutThePatient, new SystemRequestDetails())
        .getAllResources().stream().map(event -> event.getIdElement().toUnqualifiedVersionless().getValue()).toList();
    assertThat(linked).containsExactlyInAnyOrderElementsOf(
        events.stream().map(event -> event.getIdElement().toUnqualifiedVersionless().getValue()).toList());
    assertThat(entities(deletion)).containsExactly(created.get(0));
    assertThat(deletion.getEntity()).extracting(entity -> entity.getWhat().getDisplay()).contains(created.get(1));
    assertThat(entities(update)).contains(created.get(0), created.get(2));
    // the storage ids the events link to are those of the resources written, the same transaction's included
    SearchParameterMap aboutTheUpdated = SearchParameterMap.newSynchronous()
        .add(AuditEvent.SP_ENTITY, new ReferenceParam(created.get(2)));
    assertThat(daos.getResourceDao(AuditEvent.class).search(aboutTheUpdated, new SystemRequestDetails())
        .getAllResources()).extracting(event -> ((AuditEvent) event).getAction())
        .contains(AuditEventAction.C, AuditEventAction.U);
  }

  @Test
  void anAuditEventIsAnchoredButNeitherAuditedNorSentToTheMinistry() {
    String token = TestIdentities.user(FACILITY, null, "nurse");
    Date start = new Date();
    String id = client(token).create().resource(newPatient("AuditOnce")).execute().getId().getIdPart();

    List<AuditEvent> events = eventsOf(TestIdentities.subject(token), start);
    assertThat(events).hasSize(1);
    AuditEvent event = events.get(0);
    assertThat(entities(event)).contains("Patient/" + id);
    List<AuditEvent> aboutAuditEvents = since(start).stream()
        .filter(e -> entities(e).stream().anyMatch(what -> what.startsWith("AuditEvent/"))).toList();
    assertThat(aboutAuditEvents).isEmpty();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SIHHA_OUTBOX WHERE RES_TYPE = 'AuditEvent'",
        Integer.class)).isZero();
    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SIHHA_OUTBOX WHERE RES_TYPE = 'Patient' AND RES_ID = ?",
        Integer.class, id)).isEqualTo(1);
    Parameters proof = await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> client().operation()
        .onInstance(event.getIdElement().toVersionless()).named("$ledger-proof").withNoParameters(Parameters.class)
        .useHttpGet().execute(), p -> p.getParameter("treeHead") != null);
    assertThat(proof.getParameter("leafIndex")).isNotNull();
  }

  @Test
  void anAuditThatCannotBeStoredFailsTheWriteAndLeavesNothing() {
    String token = TestIdentities.user(FACILITY, null, "nurse");
    Date start = new Date();
    Object failure = new FailingAuditStore();
    jpaInterceptors.registerInterceptor(failure);
    try {
      assertThatThrownBy(() -> client(token).create().resource(newPatient("NeverStored")).execute())
          .isInstanceOf(InternalErrorException.class).hasMessageContaining("SIHHA-1050");
    } finally {
      jpaInterceptors.unregisterInterceptor(failure);
    }
    SearchParameterMap byName = SearchParameterMap.newSynchronous().add(Patient.SP_FAMILY,
        new StringParam("NeverStored").setExact(true));
    assertThat(daos.getResourceDao(Patient.class).search(byName, new SystemRequestDetails()).size()).isZero();
    Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
    bundle.addEntry().setResource(newPatient("NeverStored")).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
    jpaInterceptors.registerInterceptor(failure);
    try {
      assertThatThrownBy(() -> client(token).transaction().withBundle(bundle).execute())
          .isInstanceOf(InternalErrorException.class).hasMessageContaining("SIHHA-1050");
    } finally {
      jpaInterceptors.unregisterInterceptor(failure);
    }
    assertThat(daos.getResourceDao(Patient.class).search(byName, new SystemRequestDetails()).size()).isZero();
    assertThat(eventsOf(TestIdentities.subject(token), start)).isEmpty();
  }

  @Test
  void anonymousRequestsAreCountedNotStored() {
    Date start = new Date();
    String id = createPatient("Anonymous");
    client().read().resource(Patient.class).withId(id).execute();
    assertThat(since(start)).noneSatisfy(event -> assertThat(entities(event)).contains("Patient/" + id));
  }

  private IGenericClient client(String token) {
    IGenericClient client = client();
    client.registerInterceptor(new BearerTokenAuthInterceptor(token));
    return client;
  }

  /** The AuditEvents stored since {@code start} of the user {@code subject}, in the order they were stored. */
  private List<AuditEvent> eventsOf(String subject, Date start) {
    return since(start).stream().filter(event -> subject.equals(requestor(event).getWho().getIdentifier().getValue()))
        .toList();
  }

  private List<AuditEvent> since(Date start) {
    SearchParameterMap search = SearchParameterMap.newSynchronous()
        .add(AuditEvent.SP_DATE, new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, start));
    List<IBaseResource> found = daos.getResourceDao(AuditEvent.class).search(search, new SystemRequestDetails())
        .getAllResources();
    return found.stream().map(AuditEvent.class::cast)
        .sorted(Comparator.comparing(event -> event.getIdElement().getIdPartAsLong())).toList();
  }

  private static AuditEvent action(List<AuditEvent> events, AuditEventAction action) {
    return events.stream().filter(event -> event.getAction() == action).findFirst().orElseThrow();
  }

  private static AuditEventAgentComponent requestor(AuditEvent event) {
    return event.getAgent().stream().filter(AuditEventAgentComponent::getRequestor).findFirst().orElseThrow();
  }

  private static List<String> writtenResources(AuditEvent event) {
    return event.getEntity().stream().filter(entity -> "4".equals(entity.getRole().getCode()))
        .map(entity -> entity.getWhat().getReference()).toList();
  }

  private static List<String> entities(AuditEvent event) {
    return event.getEntity().stream().map(AuditEventEntityComponent::getWhat).filter(Reference::hasReference)
        .map(Reference::getReference).toList();
  }

  /** The store refusing every AuditEvent, as a full disk or a broken table would. */
  @Interceptor
  static final class FailingAuditStore {

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
      if (resource instanceof AuditEvent) {
        throw new UnprocessableEntityException("the audit store is unavailable");
      }
    }
  }
}
