package health.sihha.hie.provider.stock;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;

/**
 * 409 Conflict: the write would break a stock rule (overdraw, expired batch). Not a
 * {@code ResourceVersionConflictException}: HAPI's transaction service catches those to retry version conflicts and
 * rethrows them behind its own message code.
 */
final class StockConflictException extends BaseServerResponseException {

  private static final long serialVersionUID = 1L;

  StockConflictException(String message) {
    super(409, message);
  }
}
