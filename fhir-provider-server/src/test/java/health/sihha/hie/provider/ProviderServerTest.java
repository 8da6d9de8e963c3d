package health.sihha.hie.provider;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import health.sihha.hie.ig.SihhaIg;
import health.sihha.hie.provider.ledger.WitnessAnchorConfig;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every provider integration test: the real application on a random port, in-memory H2, and a
 * {@link DeliveryRecorder} in the ministry's place, and the bearer tokens of {@link TestIdentities}. All subclasses
 * share one cached Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestIdentities.class, WitnessAnchorConfig.class})
public abstract class ProviderServerTest {

  protected static final DeliveryRecorder MINISTRY = new DeliveryRecorder();

  private static final AtomicLong NATIONAL_IDS = new AtomicLong(System.currentTimeMillis());

  @LocalServerPort
  protected int port;

  protected final FhirContext fhirContext = FhirContext.forR4Cached();

  @DynamicPropertySource
  static void ministry(DynamicPropertyRegistry registry) {
    registry.add("sihha.provider.ministry-ingest-url", MINISTRY::ingestUrl);
  }

  protected String fhirBase() {
    return "http://127.0.0.1:" + port + "/fhir";
  }

  /** A patient with a name and a national identifier of its own, as the Implementation Guide requires. */
  public static Patient newPatient(String family) {
    Patient patient = new Patient();
    patient.addName().setFamily(family).addGiven("Test");
    patient.addIdentifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM)
        .setValue(String.valueOf(NATIONAL_IDS.incrementAndGet()));
    return patient;
  }

  /** Creates a {@link #newPatient} and returns its id. */
  protected String createPatient(String family) {
    return client().create().resource(newPatient(family)).execute().getId().getIdPart();
  }

  protected IGenericClient client() {
    fhirContext.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    fhirContext.getRestfulClientFactory().setSocketTimeout(120_000);
    return fhirContext.newRestfulGenericClient(fhirBase());
  }
}
