package health.sihha.hie.ministry.ingest;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;

/**
 * {@code POST /ingest/<provider-id>}: a provider's notification bundle, posted to its tenant base as HAPI posts a
 * transaction, answered with the batch-response of the delivery contract.
 */
final class NotificationProvider {

  private final NotificationIngestion ingestion;

  NotificationProvider(NotificationIngestion ingestion) {
    this.ingestion = requireNonNull(ingestion);
  }

  @Transaction
  public Bundle receive(@TransactionParam Bundle notification, RequestDetails request) {
    return ingestion.receive(request.getTenantId(), notification);
  }
}
