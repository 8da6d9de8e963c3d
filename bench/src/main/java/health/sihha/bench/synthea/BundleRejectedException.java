package health.sihha.bench.synthea;

/** The server refused a bundle, or an entry of a batch; the message carries the server's OperationOutcome text. */
public final class BundleRejectedException extends RuntimeException {

  BundleRejectedException(String bundle, String reason, Throwable cause) {
    super(bundle + " rejected: " + reason, cause);
  }

  BundleRejectedException(String bundle, String reason) {
    super(bundle + " rejected: " + reason);
  }
}
