package health.sihha.hie.provider.smart;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.jayway.jsonpath.JsonPath;
import health.sihha.hie.ig.SihhaIg;
import health.sihha.hie.provider.security.RealmTokens;
import health.sihha.hie.provider.security.SecuredProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * A real SMART app against the secured provider and the realm: SMART's JavaScript client (fhirclient) in headless
 * chromium makes a standalone launch (authorization code, PKCE S256), the user logs in and picks the patient in
 * Keycloak's patient picker, and the app reads that patient and its Observations, all cross-origin (CORS on
 * {@code /fhir} and at Keycloak's token endpoint); and the CORS answers of {@code /fhir} without a browser.
 */
class SmartClientIT {

  /** physician-a may choose example-a or example-a2; the browser picks the second. */
  private static final String USER = "physician-a";
  private static final String PICKED = "example-a2";
  private static final String OTHER = "example-a";

  private final FhirContext fhirContext = FhirContext.forR4Cached();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void standaloneLaunchReadsExactlyThePickedPatientsObservations() throws Exception {
    Path appDir = Path.of(System.getProperty("sihha.it.smart-app"));
    SmartBrowser browser = SmartBrowser.require(appDir,
        Path.of(System.getProperty("sihha.it.work-dir")).resolve("smart-client.log"));
    String base = SecuredProvider.fhirBase();
    String system = RealmTokens.client("provider-a", "provider-a-demo-secret", "system/*.cruds");
    put(base, patient(PICKED, "Picked"), system);
    put(base, patient(OTHER, "Other"), system);
    List<String> picked = List.of(create(base, glucose(PICKED, "91"), system), create(base, glucose(PICKED, "104"),
        system));
    create(base, glucose(OTHER, "250"), system);

    String shown;
    try (SmartAppSite app = SmartAppSite.serve(appDir)) {
      // the app talks to the provider on its free port, and asks for a token for the provider's public base
      shown = browser.launch(app.url("launch.html?iss=" + URLEncoder.encode(base, StandardCharsets.UTF_8) + "&aud="
          + URLEncoder.encode(SecuredProvider.AUDIENCE, StandardCharsets.UTF_8)), USER, PICKED);
    }

    assertThat(JsonPath.<String>read(shown, "$.patient")).isEqualTo(PICKED);
    assertThat(JsonPath.<String>read(shown, "$.patientFamily")).isEqualTo("Picked");
    assertThat(JsonPath.<String>read(shown, "$.fhirUser")).isEqualTo("Practitioner/pa-physician");
    assertThat(JsonPath.<String>read(shown, "$.scope")).contains("launch/patient", "patient/Observation.rs");
    assertThat(JsonPath.<List<String>>read(shown, "$.observations")).containsExactlyInAnyOrderElementsOf(picked);
  }

  @Test
  void corsPreflightNeedsNoTokenAndRefusalsCarryTheCorsHeaders() throws Exception {
    String base = SecuredProvider.fhirBase();
    String app = "http://127.0.0.1:41234";

    HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(base + "/Observation?patient=x"))
        .method("OPTIONS", BodyPublishers.noBody()).header("Origin", app)
        .header("Access-Control-Request-Method", "GET")
        .header("Access-Control-Request-Headers", "authorization").build(), BodyHandlers.ofString());
    HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/Observation?patient=x"))
        .header("Origin", app).build(), BodyHandlers.ofString());
    HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create(base + "/metadata"))
        .header("Origin", "https://evil.example").build(), BodyHandlers.ofString());

    assertThat(preflight.statusCode()).isEqualTo(200);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(app);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).get().asString()
        .containsIgnoringCase("authorization");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Access-Control-Allow-Origin")).hasValue(app);
    assertThat(anonymous.headers().firstValue("Access-Control-Expose-Headers")).get().asString()
        .contains("WWW-Authenticate");
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(foreign.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(foreign.body()).contains("OperationOutcome", "SIHHA-1080");
  }

  private void put(String base, Patient patient, String token) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/Patient/" + patient.getIdPart()))
        .PUT(body(patient)), token);
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
  }

  private String create(String base, Observation observation, String token) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base + "/Observation"))
        .POST(body(observation)), token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return JsonPath.read(response.body(), "$.id");
  }

  private HttpRequest.BodyPublisher body(IBaseResource resource) {
    return BodyPublishers.ofString(fhirContext.newJsonParser().encodeResourceToString(resource));
  }

  private HttpResponse<String> send(HttpRequest.Builder request, String token) throws Exception {
    return http.send(request.header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
        .header("Authorization", "Bearer " + token).build(), BodyHandlers.ofString());
  }

  private static Patient patient(String id, String family) {
    Patient patient = new Patient();
    patient.setId(id);
    patient.addName().setFamily(family).addGiven("Smart");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM).setValue(String.valueOf(System.nanoTime()));
    return patient;
  }

  private static Observation glucose(String patient, String mgPerDl) {
    Observation observation = new Observation().setStatus(ObservationStatus.FINAL);
    observation.addCategory().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/observation-category")
        .setCode("laboratory");
    observation.getCode().addCoding().setSystem("http://loinc.org").setCode("2345-7")
        .setDisplay("Glucose [Mass/volume] in Serum or Plasma");
    observation.setSubject(new Reference("Patient/" + patient));
    observation.setValue(new Quantity().setValue(Double.parseDouble(mgPerDl)).setUnit("mg/dL")
        .setSystem("http://unitsofmeasure.org").setCode("mg/dL"));
    return observation;
  }
}
