package health.sihha.hie.provider.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.provider.ProviderServerTest;
import health.sihha.hie.provider.TestIdentities;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * {@code Patient/[id]/$access-log}: the patient and the facility's privacy officer see who read or wrote the
 * patient's data, each access with its AuditEvent version and ledger proof; nobody else does.
 */
class AccessLogTest extends ProviderServerTest {

  private static final String FACILITY = "provider-test";

  @Test
  void listsTheReadsAndWritesOfThePatientsData() {
    String nurseToken = TestIdentities.user(FACILITY, null, "nurse");
    IGenericClient nurse = client(nurseToken);
    String patientId = nurse.create().resource(newPatient("Logged")).execute().getId().getIdPart();
    Observation observation = new Observation();
    observation.setStatus(Observation.ObservationStatus.FINAL).setSubject(new Reference("Patient/" + patientId))
        .getCode().setText("weight");
    String observationId = nurse.create().resource(observation).execute().getId().getIdPart();
    nurse.read().resource(Observation.class).withId(observationId).execute();
    nurse.search().forResource(Observation.class).where(Observation.SUBJECT.hasId("Patient/" + patientId))
        .returnBundle(Bundle.class).execute();

    for (String reader : List.of(TestIdentities.patient(FACILITY, patientId),
        TestIdentities.user(FACILITY, null, "privacy-officer"))) {
      List<ParametersParameterComponent> entries = accessLog(reader, patientId).getParameter().stream()
          .filter(p -> p.getName().equals("entry")).toList();
      // the latest first: the search, the read, the Observation's and the Patient's creation
      assertThat(entries).extracting(e -> part(e, "interaction").primitiveValue())
          .containsExactly("search-type", "read", "create", "create");
      assertThat(entries).extracting(e -> ((Reference) part(e, "who")).getIdentifier().getValue())
          .containsOnly(TestIdentities.subject(nurseToken));
      assertThat(((Reference) part(entries.get(1), "what")).getReference())
          .isEqualTo("Observation/" + observationId);
      assertThat(entries).allSatisfy(entry -> {
        IdType event = new IdType(((Reference) part(entry, "auditEvent")).getReference());
        assertThat(event.getResourceType()).isEqualTo("AuditEvent");
        assertThat(part(entry, "ledgerProof").primitiveValue()).isEqualTo(
            event.toVersionless().getValue() + "/$ledger-proof?version=" + event.getVersionIdPart());
        assertThat(part(entry, "recorded").primitiveValue()).isNotBlank();
        assertThat(part(entry, "outcome").primitiveValue()).isEqualTo("0");
      });
    }
  }

  @Test
  void refusesEveryoneElse() {
    String patientId = createPatient("Private");
    String otherPatient = createPatient("Other");
    assertThatThrownBy(() -> accessLog(TestIdentities.patient(FACILITY, otherPatient), patientId))
        .isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("SIHHA-1612");
    assertThatThrownBy(() -> accessLog(TestIdentities.user(FACILITY, "Practitioner/pa-physician", "physician"),
        patientId)).isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("SIHHA-1612");
    assertThatThrownBy(() -> accessLog(TestIdentities.launch(FACILITY, patientId, "nurse"), patientId))
        .as("a nurse's launch in the patient's context").isInstanceOf(ForbiddenOperationException.class)
        .hasMessageContaining("SIHHA-1612");
    assertThatThrownBy(() -> accessLog(TestIdentities.user("provider-b", null, "privacy-officer"), patientId))
        .isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("SIHHA-1611");
    assertThatThrownBy(() -> accessLog(TestIdentities.patient("provider-b", patientId), patientId))
        .isInstanceOf(ForbiddenOperationException.class).hasMessageContaining("SIHHA-1611");
    assertThatThrownBy(() -> client().operation().onInstance(new IdType("Patient", patientId)).named("$access-log")
        .withNoParameters(Parameters.class).useHttpGet().execute())
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("SIHHA-1610");
  }

  @Test
  void answersBadInputWithCodedOutcomes() {
    String officer = TestIdentities.user(FACILITY, null, "privacy-officer");
    assertThatThrownBy(() -> accessLog(officer, "no-such-patient"))
        .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("SIHHA-1613");
    String patientId = createPatient("Counted");
    assertThatThrownBy(() -> client(officer).operation().onInstance(new IdType("Patient", patientId))
        .named("$access-log").withParameter(Parameters.class, "_count", new IntegerType(0)).useHttpGet().execute())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("SIHHA-1614");
  }

  private Parameters accessLog(String token, String patientId) {
    return client(token).operation().onInstance(new IdType("Patient", patientId)).named("$access-log")
        .withNoParameters(Parameters.class).useHttpGet().execute();
  }

  private IGenericClient client(String token) {
    IGenericClient client = client();
    client.registerInterceptor(new BearerTokenAuthInterceptor(token));
    return client;
  }

  private static org.hl7.fhir.r4.model.Type part(ParametersParameterComponent entry, String name) {
    return entry.getPart().stream().filter(p -> p.getName().equals(name)).findFirst().orElseThrow().getValue();
  }
}
