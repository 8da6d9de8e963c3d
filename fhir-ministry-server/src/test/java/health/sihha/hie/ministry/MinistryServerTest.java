package health.sihha.hie.ministry;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import health.sihha.hie.ministry.ingest.Notifications;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Base of every ministry integration test: the real application on a random port, sharing one Spring context. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class MinistryServerTest {

  /** Event numbers of the single-event deliveries, unique in the test run. */
  private static final AtomicLong EVENTS = new AtomicLong(1_000_000);

  protected final FhirContext fhirContext = FhirContext.forR4Cached();

  @LocalServerPort
  protected int port;

  /** The national store, as an analyst's client sees it. */
  protected IGenericClient nationalStore() {
    return client("http://127.0.0.1:" + port + "/fhir");
  }

  /** The ingestion endpoint of one provider, as that provider's rest-hook delivery sees it. */
  protected IGenericClient ingestionFor(String providerId) {
    return client("http://127.0.0.1:" + port + "/ingest/" + providerId);
  }

  /** Posts {@code notification} to the ingestion endpoint of {@code providerId}; its batch-response. */
  protected Bundle deliver(String providerId, Bundle notification) {
    return ingestionFor(providerId).transaction().withBundle(notification).execute();
  }

  /** Delivers {@code resource}, as written at the provider in the version its meta names, as one event. */
  protected Bundle deliver(String providerId, Resource resource) {
    long version = Long.parseLong(resource.getMeta().getVersionId());
    return deliver(providerId, Notifications.from(providerBase(providerId))
        .written(EVENTS.incrementAndGet(), resource, version).bundle());
  }

  /** Delivers the deletion of {@code type/id} at the provider, the deletion being its version {@code version}. */
  protected Bundle deliverDeletion(String providerId, String type, String id, long version) {
    return deliver(providerId, Notifications.from(providerBase(providerId))
        .deleted(EVENTS.incrementAndGet(), type, id, version).bundle());
  }

  /** The FHIR base of a provider of the test profile. */
  protected static String providerBase(String providerId) {
    return "http://" + providerId + ".test/fhir";
  }

  private IGenericClient client(String base) {
    fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    return fhirContext.newRestfulGenericClient(base);
  }
}
