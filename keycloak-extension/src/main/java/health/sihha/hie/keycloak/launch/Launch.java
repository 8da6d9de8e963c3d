package health.sihha.hie.keycloak.launch;

import java.util.Map;

/**
 * A registered EHR launch: the patient, and what it is bound to, the SMART app (client id) it was registered for,
 * the FHIR server ({@code aud}) the app is launched against and the facility of the EHR that registered it.
 */
public record Launch(String patient, String client, String aud, String facility) {

  private static final String PATIENT = "patient";
  private static final String CLIENT = "client";
  private static final String AUD = "aud";
  private static final String FACILITY = "facility";

  public Launch {
    PatientContext.requireFhirId(patient);
    client = require(client, "client_id");
    aud = normalise(require(aud, "aud"));
    facility = require(facility, "facility");
  }

  /**
   * The patient, if the authorization request that redeems the launch is the one it was registered for: the same
   * client, the same {@code aud}, and a user of the same facility.
   *
   * @throws LaunchContextException naming what does not match
   */
  public String patientFor(String requestingClient, String requestedAud, String userFacility) {
    if (!client.equals(requestingClient)) {
      throw new LaunchContextException("the launch was registered for another app");
    }
    if (requestedAud == null || !aud.equals(normalise(requestedAud))) {
      throw new LaunchContextException("the launch was registered for another FHIR server");
    }
    if (!facility.equals(userFacility)) {
      throw new LaunchContextException("the launch belongs to another facility");
    }
    return patient;
  }

  Map<String, String> toNotes() {
    return Map.of(PATIENT, patient, CLIENT, client, AUD, aud, FACILITY, facility);
  }

  static Launch fromNotes(Map<String, String> notes) {
    return new Launch(notes.get(PATIENT), notes.get(CLIENT), notes.get(AUD), notes.get(FACILITY));
  }

  private static String require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new LaunchContextException("missing " + name);
    }
    return value.trim();
  }

  private static String normalise(String url) {
    String trimmed = url.trim();
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
