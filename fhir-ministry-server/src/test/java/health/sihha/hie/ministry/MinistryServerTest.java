package health.sihha.hie.ministry;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/** Base of every ministry integration test: the real application on a random port, sharing one Spring context. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class MinistryServerTest {

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

  private IGenericClient client(String base) {
    fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    return fhirContext.newRestfulGenericClient(base);
  }
}
