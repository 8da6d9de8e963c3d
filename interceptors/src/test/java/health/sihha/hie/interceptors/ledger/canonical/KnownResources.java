package health.sihha.hie.interceptors.ledger.canonical;

/** Fixed resources with their canonical forms and hashes, checked by hand and by an independent SHA-256. */
public final class KnownResources {

  /** The test salt: the 32 bytes 0x00, 0x01, ..., 0x1f. */
  public static final NodeSalt SALT = new NodeSalt(range32());

  public static final String BASE = "https://provider-a.sihha.health/fhir";

  public static final String OBSERVATION = """
      {
        "resourceType": "Observation",
        "id": "hb-1",
        "meta": {
          "versionId": "3",
          "lastUpdated": "2026-11-30T10:15:00.000+00:00",
          "source": "#a1b2c3",
          "tag": [ { "system": "http://sihha.health/fhir/tags", "code": "lab" } ]
        },
        "text": {
          "status": "generated",
          "div": "<div xmlns=\\"http://www.w3.org/1999/xhtml\\">Hb 13.50 g/dL</div>"
        },
        "status": "final",
        "code": {
          "coding": [
            { "system": "http://loinc.org", "code": "718-7", "display": "Hemoglobin [Mass/volume] in Blood" }
          ]
        },
        "subject": {
          "reference": "https://provider-a.sihha.health/fhir/Patient/p-1/_history/2",
          "display": "أمينة حداد"
        },
        "effectiveDateTime": "2026-11-30T09:00:00+03:00",
        "valueQuantity": { "value": 13.50, "unit": "g/dL", "system": "http://unitsofmeasure.org", "code": "g/dL" }
      }
      """;

  public static final String OBSERVATION_CANONICAL =
      "{\"code\":{\"coding\":[{\"code\":\"718-7\","
      + "\"display\":\"Hemoglobin [Mass/volume] in Blood\",\"system\":\"http://loinc.org\"}]},"
      + "\"effectiveDateTime\":\"2026-11-30T09:00:00+03:00\",\"meta\":{\"tag\":[{\"code\":\"lab\","
      + "\"system\":\"http://sihha.health/fhir/tags\"}]},\"resourceType\":\"Observation\","
      + "\"status\":\"final\",\"subject\":{\"display\":\"أمينة حداد\",\"reference\":\"Patient/p-1\"},"
      + "\"valueQuantity\":{\"code\":\"g/dL\",\"system\":\"http://unitsofmeasure.org\","
      + "\"unit\":\"g/dL\",\"value\":13.50}}";

  /** SHA-256(SALT ‖ OBSERVATION_CANONICAL), computed apart from this code. */
  public static final String OBSERVATION_SALTED = "fc514a32d89930e43d1e8e1e25c1ccb1afc3e130e68d4331f51125def5180725";

  /** SHA-256(OBSERVATION_CANONICAL). */
  public static final String OBSERVATION_UNSALTED = "dbd080c53407ec203d570e48ba1a35dfe297255045e0a44ed52646c2a9a576c6";

  public static final String PATIENT = """
      {
        "resourceType": "Patient",
        "id": "p-1",
        "meta": {
          "versionId": "2",
          "lastUpdated": "2026-11-29T08:00:00.000+00:00",
          "security": [ { "system": "http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "code": "R" } ]
        },
        "text": { "status": "generated", "div": "<div xmlns=\\"http://www.w3.org/1999/xhtml\\">Amina</div>" },
        "contained": [ {
          "resourceType": "Organization",
          "id": "org1",
          "text": { "status": "generated", "div": "<div xmlns=\\"http://www.w3.org/1999/xhtml\\">Ibn Sina</div>" },
          "name": "Clinique Ibn Sina",
          "partOf": { "reference": "https://provider-a.sihha.health/fhir/Organization/root/_history/1" }
        } ],
        "extension": [ {
          "url": "http://sihha.health/fhir/StructureDefinition/registered-at",
          "valueReference": { "reference": "https://provider-a.sihha.health/fhir/Location/ward-3/_history/7" }
        } ],
        "identifier": [ { "system": "http://sihha.health/id/national", "value": "784-1990-1234567-1" } ],
        "name": [ { "family": "Haddad", "given": [ "Amina", "Leila" ] } ],
        "gender": "female",
        "birthDate": "1990-04-12",
        "managingOrganization": { "reference": "#org1" },
        "generalPractitioner": [ { "reference": "https://other.example/fhir/Practitioner/gp-9/_history/1" } ]
      }
      """;

  public static final String PATIENT_CANONICAL =
      "{\"birthDate\":\"1990-04-12\",\"contained\":[{\"id\":\"org1\",\"name\":\"Clinique Ibn Sina\","
      + "\"partOf\":{\"reference\":\"Organization/root\"},\"resourceType\":\"Organization\"}],"
      + "\"extension\":[{\"url\":\"http://sihha.health/fhir/StructureDefinition/registered-at\","
      + "\"valueReference\":{\"reference\":\"Location/ward-3\"}}],\"gender\":\"female\","
      + "\"generalPractitioner\":[{\"reference\":\"https://other.example/fhir/Practitioner/gp-9\"}],"
      + "\"identifier\":[{\"system\":\"http://sihha.health/id/national\","
      + "\"value\":\"784-1990-1234567-1\"}],\"managingOrganization\":{\"reference\":\"#org1\"},"
      + "\"meta\":{\"security\":[{\"code\":\"R\","
      + "\"system\":\"http://terminology.hl7.org/CodeSystem/v3-Confidentiality\"}]},"
      + "\"name\":[{\"family\":\"Haddad\",\"given\":[\"Amina\",\"Leila\"]}],\"resourceType\":\"Patient\"}";

  /** SHA-256(SALT ‖ PATIENT_CANONICAL), computed apart from this code. */
  public static final String PATIENT_SALTED = "60d147d0a3bdbd00f593537e957397fe77eb83b6dd37b8f81580d80f0c3fac0c";

  /** SHA-256(PATIENT_CANONICAL). */
  public static final String PATIENT_UNSALTED = "12849870ba79f5f368254b62d31744f1de31d7abb7f03b660813f5282279a918";

  private KnownResources() {}

  private static byte[] range32() {
    byte[] bytes = new byte[32];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }
}
