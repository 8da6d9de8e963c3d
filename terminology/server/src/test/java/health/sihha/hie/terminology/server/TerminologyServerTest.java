package health.sihha.hie.terminology.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real terminology server on a random port, seeded on start from the shared terminology tables (ICD-10-CM,
 * LOINC Top-2000, RxNorm, UCUM) into a fresh store. One Spring context for every test class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class TerminologyServerTest {

  protected static final String ICD = "http://hl7.org/fhir/sid/icd-10-cm";
  protected static final String LOINC = "http://loinc.org";
  protected static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
  protected static final String UCUM = "http://unitsofmeasure.org";
  protected static final FhirContext FHIR = FhirContext.forR4Cached();

  private static final Path SEED = findSeed();
  private static final Path DATA_DIR = temporaryDataDir();

  @LocalServerPort protected int port;
  protected IGenericClient client;
  protected final HttpClient http = HttpClient.newHttpClient();

  @DynamicPropertySource
  static void terminologyFolders(DynamicPropertyRegistry registry) {
    // the token rules are TerminologySecurityIT's, against a real Keycloak
    registry.add("sihha.security.enabled", () -> "false");
    registry.add("sihha.terminology.data-dir", DATA_DIR::toString);
    registry.add("sihha.terminology.seed-dir", () -> SEED == null ? DATA_DIR.resolve("no-seed").toString()
        : SEED.toString());
  }

  @BeforeEach
  void connect() {
    assumeTrue(SEED != null, "../shared/data/terminology is not beside this clone: terminology server tests skipped");
    FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
    FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
    client = FHIR.newRestfulGenericClient(base());
  }

  protected String base() {
    return "http://127.0.0.1:" + port + "/fhir";
  }

  /** A GET relative to the FHIR base, as a browser or an autocomplete widget sends it. */
  protected HttpResponse<String> get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(base() + "/" + pathAndQuery)).GET().build());
  }

  protected HttpResponse<String> post(String pathAndQuery, String contentType, byte[] body) {
    return send(HttpRequest.newBuilder(URI.create(base() + "/" + pathAndQuery)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Path findSeed() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/data/terminology");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static Path temporaryDataDir() {
    try {
      Path dir = Files.createTempDirectory("sihha-terminology-test");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
