package health.sihha.hie.provider.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.jayway.jsonpath.JsonPath;
import health.sihha.hie.ig.SihhaIg;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;
import org.junit.jupiter.api.Test;

/**
 * {@code Patient/[id]/$access-log} at the shared {@link SecuredProvider} (provider-a) with the realm's tokens: the
 * privacy officer sees who read and wrote the patient's data, a physician of the facility and the ministry do not.
 */
class AccessLogIT {

  @Test
  void thePrivacyOfficerSeesTheAccessesAndOthersAreRefused() throws Exception {
    FhirRequests fhir = new FhirRequests(SecuredProvider.fhirBase());
    String system = RealmTokens.client("provider-a", "provider-a-demo-secret", "system/*.cruds");
    Patient patient = new Patient();
    patient.addName().setFamily("Logged").addGiven("Access");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    String id = FhirRequests.created(fhir.post("/Patient", patient, system));
    assertThat(fhir.get("/Patient/" + id, RealmTokens.user("nurse-a")).statusCode()).isEqualTo(200);

    String path = "/Patient/" + id + "/$access-log";
    HttpResponse<String> log = fhir.get(path, RealmTokens.user("privacy-officer-a", "openid user/*.rs"));
    assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
    List<String> interactions = JsonPath.read(log.body(),
        "$.parameter[?(@.name == 'entry')].part[?(@.name == 'interaction')].valueCode");
    assertThat(interactions).containsExactly("read", "create");
    List<String> clients = JsonPath.read(log.body(),
        "$.parameter[?(@.name == 'entry')].part[?(@.name == 'client')].valueReference.identifier.value");
    assertThat(clients).containsExactly("sihha-dev-cli", "provider-a");

    HttpResponse<String> physician = fhir.get(path, RealmTokens.user("physician-a"));
    assertThat(physician.statusCode()).isEqualTo(403);
    assertThat(physician.body()).contains("SIHHA-1612");
    String ministry = RealmTokens.client("ministry", "ministry-demo-secret", "system/*.rs");
    assertThat(fhir.get(path, ministry).statusCode()).isEqualTo(403);
  }

  @Test
  void aPatientSeesWhoReadTheirRecordWithTheirOwnLaunchAndNoOneElses() throws Exception {
    FhirRequests fhir = new FhirRequests(SecuredProvider.fhirBase());
    String system = RealmTokens.client("provider-a", "provider-a-demo-secret", "system/*.cruds");
    // the realm's patient-a is Patient/amina of provider-a
    Patient amina = new Patient();
    amina.setId("amina");
    amina.addName().setFamily("Benali").addGiven("Amina");
    amina.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue("1985031200417");
    assertThat(fhir.put("/Patient/amina", amina, system).statusCode()).isIn(200, 201);
    Patient other = new Patient();
    other.addName().setFamily("Someone-Else");
    other.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    String otherId = FhirRequests.created(fhir.post("/Patient", other, system));
    assertThat(fhir.get("/Patient/amina", RealmTokens.user("nurse-a")).statusCode()).isEqualTo(200);

    String own = RealmTokens.launch("patient-a", "openid launch/patient patient/*.rs", SecuredProvider.AUDIENCE);
    HttpResponse<String> log = fhir.get("/Patient/amina/$access-log", own);
    assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
    List<Reference> readers = FhirContext.forR4Cached().newJsonParser().parseResource(Parameters.class, log.body())
        .getParameter().stream().filter(entry -> entry.getName().equals("entry"))
        .filter(entry -> "read".equals(part(entry, "interaction").primitiveValue()))
        .map(entry -> (Reference) part(entry, "who")).toList();
    // the nurse's Practitioner is not stored at this provider, so the event names it as text
    assertThat(readers).extracting(Reference::getDisplay).contains("Practitioner/pa-nurse");

    HttpResponse<String> someoneElses = fhir.get("/Patient/" + otherId + "/$access-log", own);
    assertThat(someoneElses.statusCode()).as(someoneElses.body()).isEqualTo(403);
  }

  private static Type part(ParametersParameterComponent entry, String name) {
    return entry.getPart().stream().filter(part -> part.getName().equals(name)).findFirst().orElseThrow().getValue();
  }
}
