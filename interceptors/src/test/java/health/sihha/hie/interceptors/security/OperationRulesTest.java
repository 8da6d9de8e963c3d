package health.sihha.hie.interceptors.security;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.test.utilities.server.RestfulServerExtension;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Extended operations are reached only through the permission their {@link OperationPermission} names. */
class OperationRulesTest {

  private static final TestTokens TOKENS = new TestTokens();
  private static final List<OperationPermission> OPERATIONS = List.of(
      new OperationPermission("$tally", "Location", Interaction.READ),
      new OperationPermission("$retire", "Practitioner", Interaction.UPDATE),
      new OperationPermission("$describe", OperationPermission.SERVER, Interaction.READ),
      OperationPermission.onOwnPatient("$reviewed", Interaction.READ));

  @RegisterExtension
  static final RestfulServerExtension server = new RestfulServerExtension(FhirContext.forR4Cached())
      .withServer(s -> {
        s.registerProvider(new Operations());
        s.registerInterceptor(new SmartAuthorizationInterceptor(new SmartGrants(TOKENS.verifier()),
            TestTokens.FACILITY, new ClinicalRolePolicy(), OPERATIONS, List.of()));
      })
      .keepAliveBetweenTests();

  @Test
  void aTypeOperationNeedsItsPermissionOnItsType() {
    assertThat(get("/Location/$tally", TOKENS.token("user/Location.rs", null, "nurse")).statusCode()).isEqualTo(200);
    assertThat(get("/Location/$tally", TOKENS.token("user/*.rs", null, "nurse")).statusCode()).isEqualTo(200);
    assertThat(get("/Location/$tally", TOKENS.token("user/Location.c", null, "nurse")).statusCode()).isEqualTo(403);
    assertThat(get("/Location/$tally", TOKENS.token("user/Patient.rs", null, "nurse")).statusCode()).isEqualTo(403);
  }

  @Test
  void anInstanceOperationNeedsItsPermissionOnItsType() {
    String updater = TOKENS.token("user/Practitioner.u", null, "facility-admin");
    assertThat(post("/Practitioner/p1/$retire", updater).statusCode()).isEqualTo(200);
    HttpResponse<String> reader = post("/Practitioner/p1/$retire", TOKENS.token("user/Practitioner.rs", null, "nurse"));
    assertThat(reader.statusCode()).isEqualTo(403);
    assertThat(reader.body()).contains("SIHHA-1021");
  }

  @Test
  void patientScopesAndRestrictedScopesDoNotReachExtendedOperations() {
    assertThat(get("/Location/$tally", TOKENS.token("patient/*.rs", "p1")).statusCode()).isEqualTo(403);
    assertThat(get("/Location/$tally", TOKENS.token("user/Location.rs?status=active", null, "nurse")).statusCode())
        .isEqualTo(403);
  }

  @Test
  void aServerOperationNeedsAUserOrSystemScopeHoldingItsPermission() {
    assertThat(get("/$describe", TOKENS.token("user/Observation.rs", null, "nurse")).statusCode()).isEqualTo(200);
    assertThat(get("/$describe", TOKENS.token("system/*.rs", null, "system")).statusCode()).isEqualTo(200);
    assertThat(get("/$describe", TOKENS.token("user/Observation.c", null, "nurse")).statusCode()).isEqualTo(403);
    assertThat(get("/$describe", TOKENS.token("patient/*.rs", "p1")).statusCode()).isEqualTo(403);
  }

  @Test
  void anOwnPatientOperationReachesThePatientsOwnInstanceOnly() {
    assertThat(get("/Patient/p1/$reviewed", TOKENS.token("patient/*.rs", "p1")).statusCode()).isEqualTo(200);
    assertThat(get("/Patient/p1/$reviewed", TOKENS.token("patient/Patient.rs", "p1")).statusCode()).isEqualTo(200);
    assertThat(get("/Patient/p2/$reviewed", TOKENS.token("patient/*.rs", "p1")).statusCode()).isEqualTo(403);
    assertThat(get("/Patient/p1/$reviewed", TOKENS.token("patient/Observation.rs", "p1")).statusCode())
        .isEqualTo(403);
    assertThat(get("/Patient/p2/$reviewed", TOKENS.token("user/Patient.rs", null, "nurse")).statusCode())
        .isEqualTo(200);
  }

  @Test
  void anUnlistedOperationIsRefused() {
    assertThat(get("/Location/$unlisted", TOKENS.token("system/*.cruds", null, "system")).statusCode())
        .isEqualTo(403);
  }

  private static HttpResponse<String> get(String path, String token) {
    return Requests.get(server.getBaseUrl() + path, token);
  }

  private static HttpResponse<String> post(String path, String token) {
    return Requests.send("POST", server.getBaseUrl() + path, token, "{\"resourceType\":\"Parameters\"}");
  }

  /** Operations that answer without storage, so only authorization decides the status. */
  public static final class Operations {

    @Operation(name = "$tally", typeName = "Location", idempotent = true)
    public Parameters tally() {
      return new Parameters().addParameter("beds", new IntegerType(3));
    }

    @Operation(name = "$describe", idempotent = true)
    public Parameters describe() {
      return new Parameters().addParameter("server", "test");
    }

    @Operation(name = "$unlisted", typeName = "Location", idempotent = true)
    public Parameters unlisted() {
      return new Parameters();
    }

    @Operation(name = "$reviewed", typeName = "Patient", idempotent = true)
    public Parameters reviewed(@IdParam IdType patient) {
      return new Parameters().addParameter("patient", patient.getIdPart());
    }

    @Operation(name = "$retire", typeName = "Practitioner")
    public Parameters retire(@IdParam IdType practitioner) {
      return new Parameters().addParameter("retired", practitioner.getIdPart());
    }
  }
}
