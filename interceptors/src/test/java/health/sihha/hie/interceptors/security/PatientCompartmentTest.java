package health.sihha.hie.interceptors.security;

import static health.sihha.hie.interceptors.security.SmartAuthorizationInterceptorTest.LAB;
import static health.sihha.hie.interceptors.security.SmartAuthorizationInterceptorTest.observation;
import static health.sihha.hie.interceptors.security.SmartAuthorizationInterceptorTest.patientWithId;
import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.IncludeParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.test.utilities.server.RestfulServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a search or an operation returns is checked too: an {@code _include} or {@code $everything} that would
 * bring in another patient's data is refused as a whole.
 */
class PatientCompartmentTest {

  private static final TestTokens TOKENS = new TestTokens();

  /** p1's laboratory result whose {@code focus} (wrongly) names p2, so that an include reaches p2. */
  private static final Map<String, Patient> PATIENTS = Map.of("p1", patientWithId("p1"), "p2", patientWithId("p2"));

  @RegisterExtension
  static final RestfulServerExtension server = new RestfulServerExtension(FhirContext.forR4Cached())
      .registerProvider(new Observations())
      .registerProvider(new Patients())
      .withServer(s -> s.registerInterceptor(new SmartAuthorizationInterceptor(
          new SmartGrants(TOKENS.verifier()), TestTokens.FACILITY, new ClinicalRolePolicy())))
      .keepAliveBetweenTests();

  @Test
  void anIncludeOfTheOwnPatientIsAllowed() {
    String token = TOKENS.token("patient/*.rs", "p1");
    assertThat(search("_include=Observation:subject", token)).isEqualTo(200);
  }

  @Test
  void anIncludeOfAnotherPatientIsRefused() {
    String token = TOKENS.token("patient/*.rs", "p1");
    assertThat(search("", token)).isEqualTo(200);
    assertThat(search("_include=Observation:focus", token)).isEqualTo(403);
  }

  @Test
  void everythingStaysInTheCompartment() {
    String token = TOKENS.token("patient/*.rs", "p1");
    assertThat(get("/Patient/p1/$everything", token)).isEqualTo(200);
    assertThat(get("/Patient/p2/$everything", token)).isEqualTo(403);

    String user = TOKENS.token("user/*.rs", null, "physician");
    assertThat(get("/Patient/p2/$everything", user)).isEqualTo(200);
    String observationsOnly = TOKENS.token("user/Observation.rs", null, "physician");
    assertThat(get("/Patient/p1/$everything", observationsOnly)).isEqualTo(403);
  }

  private static int search(String query, String token) {
    return get("/Observation?patient=Patient/p1&" + query, token);
  }

  private static int get(String path, String token) {
    return Requests.get(server.getBaseUrl() + path, token).statusCode();
  }

  /** Observations of p1, with the included resources the request asks for. */
  public static final class Observations implements IResourceProvider {

    @Override
    public Class<Observation> getResourceType() {
      return Observation.class;
    }

    @Search
    public List<IBaseResource> search(@RequiredParam(name = "patient") ReferenceParam patient,
        @IncludeParam(allow = {"Observation:subject", "Observation:focus"}) Set<Include> includes) {
      Observation result = observation("o1", "p1", LAB);
      result.addFocus(new Reference("Patient/p2"));
      List<IBaseResource> found = new ArrayList<>(List.of(result));
      for (Include include : includes) {
        Patient included = (Patient) PATIENTS.get("Observation:focus".equals(include.getValue()) ? "p2" : "p1").copy();
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(included, BundleEntrySearchModeEnum.INCLUDE);
        found.add(included);
      }
      return found;
    }
  }

  /** Patient/$everything: the patient and its observation. */
  public static final class Patients implements IResourceProvider {

    @Override
    public Class<Patient> getResourceType() {
      return Patient.class;
    }

    @Operation(name = "$everything", idempotent = true)
    public Bundle everything(@IdParam IdType id) {
      Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET);
      bundle.addEntry().setResource(PATIENTS.get(id.getIdPart()).copy());
      bundle.addEntry().setResource(observation("o-" + id.getIdPart(), id.getIdPart(), LAB));
      return bundle;
    }
  }
}
