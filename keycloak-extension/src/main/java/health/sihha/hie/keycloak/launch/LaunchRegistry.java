package health.sihha.hie.keycloak.launch;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.SingleUseObjectProvider;

/**
 * EHR launch tokens: opaque random strings that stand for a {@link Launch} for a short time, kept in Keycloak's
 * cluster-wide single-use-object store. A launch is redeemed once: the first authorization request that names it
 * removes it, whether or not it matches what the launch is bound to.
 */
public final class LaunchRegistry {

  private static final String KEY_PREFIX = "sihha.smart.launch.";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SingleUseObjectProvider store;

  public LaunchRegistry(SingleUseObjectProvider store) {
    this.store = store;
  }

  /** Registers a launch for {@code lifespanSeconds} and returns its token. */
  public String register(Launch launch, long lifespanSeconds) {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    store.put(KEY_PREFIX + token, lifespanSeconds, launch.toNotes());
    return token;
  }

  /** The registered, unexpired launch of {@code token}, removed from the store: a second call finds nothing. */
  public Optional<Launch> redeem(String token) {
    Map<String, String> notes = store.remove(KEY_PREFIX + token);
    return Optional.ofNullable(notes).map(Launch::fromNotes);
  }
}
