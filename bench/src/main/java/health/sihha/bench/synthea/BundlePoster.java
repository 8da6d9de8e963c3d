package health.sihha.bench.synthea;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.sihha.bench.auth.BackendToken;
import health.sihha.bench.auth.BearerTokenInterceptor;
import jakarta.annotation.Nullable;
import java.time.Duration;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleEntryResponseComponent;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Posts prepared bundles to one FHIR base with HAPI's generic client. Thread-safe: several client threads may share
 * one poster.
 */
public final class BundlePoster {

  /** A large Synthea bundle on a busy two-core machine takes far longer than the client's default 10 s. */
  static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(10);

  private final FhirContext fhir;
  private final IGenericClient client;

  /** A poster that sends no token, for a server with security off. */
  public BundlePoster(FhirContext fhir, String base) {
    this(fhir, base, null);
  }

  /** A poster that sends {@code token}'s current access token with every bundle, or none when it is null. */
  public BundlePoster(FhirContext fhir, String base, @Nullable BackendToken token) {
    this.fhir = fhir;
    IRestfulClientFactory factory = fhir.getRestfulClientFactory();
    factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
    factory.setSocketTimeout((int) SOCKET_TIMEOUT.toMillis());
    this.client = fhir.newRestfulGenericClient(base);
    if (token != null) {
      client.registerInterceptor(new BearerTokenInterceptor(token));
    }
  }

  /**
   * Posts one bundle.
   *
   * @throws BundleRejectedException when the server refuses the transaction, or any entry of a batch
   * @throws IllegalStateException when the server cannot be reached
   */
  public void post(PreparedBundle bundle) {
    String response;
    try {
      response = client.transaction().withBundle(bundle.json()).execute();
    } catch (FhirClientConnectionException e) {
      throw new IllegalStateException(bundle.name() + " not sent: " + e.getMessage(), e);
    } catch (BaseServerResponseException e) {
      throw new BundleRejectedException(bundle.name(), describe(e), e);
    }
    if (bundle.batch()) {
      checkEveryEntry(bundle.name(), fhir.newJsonParser().parseResource(Bundle.class, response));
    }
  }

  private static void checkEveryEntry(String name, Bundle batchResponse) {
    for (BundleEntryComponent entry : batchResponse.getEntry()) {
      BundleEntryResponseComponent response = entry.getResponse();
      if (!response.hasStatus() || !response.getStatus().startsWith("2")) {
        String outcome = response.getOutcome() instanceof OperationOutcome operationOutcome
            ? OutcomeText.of(operationOutcome)
            : "";
        throw new BundleRejectedException(name, "batch entry " + response.getStatus() + outcome);
      }
    }
  }

  private static String describe(BaseServerResponseException e) {
    String status = "HTTP " + e.getStatusCode();
    if (e.getOperationOutcome() instanceof OperationOutcome outcome) {
      return status + OutcomeText.of(outcome);
    }
    return status + ": " + e.getMessage();
  }
}
