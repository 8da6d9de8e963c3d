package health.sihha.hie.keycloak.launch;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Decides the patient in context of a SMART authorization request. EHR launch: the {@code launch} parameter is an
 * opaque token the EHR registered, and it names the patient (the lookup also checks what the launch is bound to). Standalone launch: the scope {@code launch/patient}
 * asks for a patient, one of the user's {@code patient} attribute values; with more than one, the user picks.
 * Otherwise there is no patient.
 */
public final class PatientContext {

  static final String LAUNCH_PATIENT_SCOPE = "launch/patient";
  private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  private final Function<String, Optional<String>> launches;

  public PatientContext(Function<String, Optional<String>> launches) {
    this.launches = launches;
  }

  /** What the login does about the patient in context. */
  public sealed interface Decision permits NoPatient, Selected, Choose {}

  /** The request asks for no patient. */
  public record NoPatient() implements Decision {}

  /** The patient is known. */
  public record Selected(String patient) implements Decision {}

  /** The user picks one of these patients. */
  public record Choose(List<String> patients) implements Decision {

    public Choose {
      patients = List.copyOf(patients);
    }
  }

  /**
   * @param launch the {@code launch} request parameter, or null
   * @param scope the requested scope (space-separated), or null
   * @param userPatients the user's patient attribute values, read only if needed
   */
  public Decision resolve(String launch, String scope, Supplier<List<String>> userPatients) {
    if (launch != null && !launch.isBlank()) {
      return new Selected(launches.apply(launch)
          .orElseThrow(() -> new LaunchContextException("unknown, expired or already used launch")));
    }
    if (!requestsPatient(scope)) {
      return new NoPatient();
    }
    List<String> candidates = candidates(userPatients.get());
    if (candidates.isEmpty()) {
      throw new LaunchContextException("launch/patient requested but no patient is selected for this user");
    }
    return candidates.size() == 1 ? new Selected(candidates.get(0)) : new Choose(candidates);
  }

  /** The patients a user may choose from: the attribute values, blanks dropped, each a valid FHIR id. */
  static List<String> candidates(List<String> attributeValues) {
    return attributeValues.stream().filter(v -> v != null && !v.isBlank()).map(String::trim)
        .map(PatientContext::requireFhirId).distinct().toList();
  }

  /** The user's choice, if it is one of the candidates. */
  static String choose(String choice, List<String> candidates) {
    if (choice == null || !candidates.contains(choice)) {
      throw new LaunchContextException("not one of the patients to choose from: " + choice);
    }
    return choice;
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
