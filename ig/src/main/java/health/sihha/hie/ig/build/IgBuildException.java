package health.sihha.hie.ig.build;

/** The IG cannot be built: a source is malformed, a snapshot cannot be generated or a resource is invalid. */
final class IgBuildException extends RuntimeException {

  IgBuildException(String message) {
    super(message);
  }
}
