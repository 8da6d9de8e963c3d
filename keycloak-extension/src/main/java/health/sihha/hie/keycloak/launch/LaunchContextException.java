package health.sihha.hie.keycloak.launch;

/** The authorization request asks for a launch context that cannot be given. */
public final class LaunchContextException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  LaunchContextException(String message) {
    super(message);
  }
}
