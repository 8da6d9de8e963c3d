package health.sihha.hie.provider.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import health.sihha.hie.ig.SihhaIg;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.Patient;
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
}
