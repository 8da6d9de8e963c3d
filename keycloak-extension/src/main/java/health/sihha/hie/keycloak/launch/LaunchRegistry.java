package health.sihha.hie.keycloak.launch;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * EHR launch tokens: opaque random strings that stand for a patient for a limited time, kept in Keycloak's
 * cluster-wide single-use-object store.
 */
public final class LaunchRegistry {

  private static final String KEY_PREFIX = "sihha.smart.launch.";
  private static final String PATIENT = "patient";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SingleUseObjectProvider store;

  public LaunchRegistry(SingleUseObjectProvider store) {
    this.store = store;
  }

  /** Registers a launch for the patient and returns its token. */
  public String register(String patient, long lifespanSeconds) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String launch = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    store.put(KEY_PREFIX + launch, lifespanSeconds, Map.of(PATIENT, PatientContext.requireFhirId(patient)));
    return launch;
  }

  /** The patient of a registered, unexpired launch. */
  public Optional<String> patient(String launch) {
    Map<String, String> notes = store.get(KEY_PREFIX + launch);
    return Optional.ofNullable(notes).map(n -> n.get(PATIENT));
  }
}
