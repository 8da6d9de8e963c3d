package health.sihha.hie.terminology.load;

/**
 * Signals that a terminology distribution cannot be loaded (wrong or empty file, bad header, malformed line, unknown
 * loader), so callers get one unchecked type whose message names the file and line at fault.
 */
public class TerminologyLoadException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public TerminologyLoadException(String message) {
    super(message);
  }

  public TerminologyLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
