package health.sihha.hie.keycloak.launch;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Decides the patient in context of a SMART authorization request. EHR launch: the {@code launch} parameter is an
 * opaque token the EHR registered, and it names the patient. Standalone launch: the scope {@code launch/patient}
 * asks for a patient, which comes from the user's {@code patient} attribute. Otherwise there is no patient.
 */
public final class PatientContext {

  static final String LAUNCH_PATIENT_SCOPE = "launch/patient";
  private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  private final Function<String, Optional<String>> launches;

  public PatientContext(Function<String, Optional<String>> launches) {
    this.launches = launches;
  }

  /**
   * @param launch the {@code launch} request parameter, or null
   * @param scope the requested scope (space-separated), or null
   * @param userPatient the user's patient attribute, read only if needed
   */
  public Optional<String> resolve(String launch, String scope, Supplier<String> userPatient) {
    if (launch != null && !launch.isBlank()) {
      return Optional.of(launches.apply(launch)
          .orElseThrow(() -> new LaunchContextException("unknown or expired launch")));
    }
    if (!requestsPatient(scope)) {
      return Optional.empty();
    }
    String patient = userPatient.get();
    if (patient == null || patient.isBlank()) {
      throw new LaunchContextException("launch/patient requested but no patient is selected for this user");
    }
    return Optional.of(requireFhirId(patient));
  }

  static boolean requestsPatient(String scope) {
    return scope != null && Arrays.asList(scope.trim().split("\\s+")).contains(LAUNCH_PATIENT_SCOPE);
  }

  /** The id if it is a valid FHIR resource id. */
  public static String requireFhirId(String id) {
    if (id == null || !FHIR_ID.matcher(id).matches()) {
      throw new LaunchContextException("not a FHIR resource id: " + id);
    }
    return id;
  }
}
