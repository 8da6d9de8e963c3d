package health.sihha.hie.provider.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import health.sihha.hie.provider.ProviderServerTest;
import health.sihha.hie.provider.TestIdentities;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The AuditEvents the server writes itself are stored without the validation every other write gets (it doubled the
 * validator's work): so they are checked here, for each kind of interaction the audit records. (The refusals'
 * events need the security layer, which this context runs without; they are built by the same sink.)
 */
class ServerAuditEventsTest extends ProviderServerTest {

  private static final String FACILITY = "provider-test";

  @Autowired
  private ProfileValidationInterceptor validation;

  @Autowired
  private DaoRegistry daos;

  @Test
  void theAuditEventsOfCreatesUpdatesReadsSearchesAndDeletesConformToTheProfiles() {
    Date from = new Date(System.currentTimeMillis() - 1000);
    IGenericClient nurse = client(TestIdentities.user(FACILITY, null, "nurse"));
    String patientId = nurse.create().resource(newPatient("Audited")).execute().getId().getIdPart();
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL).setSubject(new Reference("Patient/" + patientId))
        .getCode().setText("weight");
    String observationId = nurse.create().resource(observation).execute().getId().getIdPart();
    observation.setId(observationId);
    observation.setStatus(Observation.ObservationStatus.AMENDED);
    nurse.update().resource(observation).execute();
    nurse.read().resource(Observation.class).withId(observationId).execute();
    nurse.search().forResource(Observation.class).where(Observation.SUBJECT.hasId("Patient/" + patientId))
        .returnBundle(Bundle.class).execute();
    nurse.delete().resourceById("Observation", observationId).execute();

    List<AuditEvent> events = daos.getResourceDao(AuditEvent.class)
        .search(SearchParameterMap.newSynchronous().add("_lastUpdated",
            new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, from)), new SystemRequestDetails())
        .getAllResources().stream().filter(AuditEvent.class::isInstance).map(AuditEvent.class::cast).toList();

    assertThat(events).extracting(event -> event.getAction().toCode()).contains("C", "R", "U", "D", "E");
    assertThat(events).allSatisfy(event -> assertThatCode(() -> validation.validate(event, ProfileValidationInterceptor.Stage.AT_STORAGE))
        .as("AuditEvent/%s", event.getIdElement().getIdPart()).doesNotThrowAnyException());
  }

  private IGenericClient client(String token) {
    IGenericClient client = client();
    client.registerInterceptor(new BearerTokenAuthInterceptor(token));
    return client;
  }
}
