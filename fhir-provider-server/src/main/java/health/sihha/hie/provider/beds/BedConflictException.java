package health.sihha.hie.provider.beds;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/**
 * 409: the write contradicts the state of a bed. Not a {@code ResourceVersionConflictException}, which HAPI's
 * transaction service catches (also as a cause), retries when asked to, and rethrows under its own code; this message
 * reaches the client as it is, starting with its Sihha code.
 */
final class BedConflictException extends BaseServerResponseException {

  private static final long serialVersionUID = 1L;

  BedConflictException(String message) {
    super(409, message);
  }
}
