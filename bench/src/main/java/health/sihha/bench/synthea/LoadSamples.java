package health.sihha.bench.synthea;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.bench.auth.BackendCredentials;
import health.sihha.bench.auth.BackendToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads Synthea sample patients into a FHIR server: the folder's hospital and practitioner bundles first, then the
 * first N patient bundles in file-name order.
 *
 * <pre>
 * java -Dloader.main=health.sihha.bench.synthea.LoadSamples -jar bench/target/sihha-bench.jar \
 *     --base http://127.0.0.1:8081/fhir --dir ../shared/data/synthea-r4 --count 5 [--clients 1] \
 *     [--token-endpoint URL|none] [--client-id sihha-backend] [--key keycloak/realm/sihha-backend.demo-key.pem]
 * </pre>
 *
 * <p>The bundles are sent with SMART Backend Services tokens ({@link BackendCredentials}): by default those of the
 * demo realm's {@code sihha-backend} client, renewed before they expire; {@code --token-endpoint none} sends none. A
 * backend client is bound to one provider (its tokens name only that provider's server): {@code sihha-backend} loads
 * provider-a; for provider-b give {@code --client-id sihha-backend-b --key keycloak/realm/sihha-backend-b.demo-key.pem
 * --key-id sihha-backend-b-demo} (as {@code ./demo.sh --provider-b-patients N} does).
 *
 * <p>Exit status: 0 when every bundle was accepted, 1 when one was not (the server's OperationOutcome is printed),
 * 2 for a usage error.
 */
public final class LoadSamples {

  private static final Set<String> OPTIONS = Stream.concat(Stream.of("base", "dir", "count", "clients"),
      BackendCredentials.OPTIONS.stream()).collect(Collectors.toUnmodifiableSet());
  private static final String USAGE = "usage: LoadSamples --base FHIR_BASE_URL --dir SYNTHEA_FOLDER [--count N (5)]"
      + " [--clients C (1)] " + BackendCredentials.USAGE;

  private LoadSamples() {}

  /** What to load, where, and with which credentials (none: no token). */
  record Request(String base, Path dir, int count, int clients, Optional<BackendCredentials> credentials) {

    static Request from(CommandLineArgs options) {
      return new Request(options.required("base"), Path.of(options.required("dir")),
          options.positiveInt("count", 5), options.positiveInt("clients", 1),
          BackendCredentials.from(options, BackendCredentials.tokenEndpointOf(BackendCredentials.DEMO_ISSUER)));
    }
  }

  public static void main(String[] args) {
    CommandLineArgs.run(args, OPTIONS, USAGE, Request::from, LoadSamples::load);
  }

  private static void load(Request request) {
    SyntheaFolder folder = SyntheaFolder.scan(request.dir());
    List<Path> patients = folder.firstPatients(request.count());
    System.out.printf(Locale.ROOT, "Loading %d shared bundles and %d of %d patient bundles from %s into %s%n",
        folder.sharedBundles().size(), patients.size(), folder.patientBundles().size(), folder.dir(),
        request.base());

    FhirContext fhir = FhirContext.forR4();
    BundlePreparer preparer = new BundlePreparer(fhir);
    BackendToken token = request.credentials().map(BackendToken::of).orElse(null);
    if (token != null) {
      BackendCredentials credentials = request.credentials().get();
      System.out.printf(Locale.ROOT, "Authenticating as %s (%s) at %s%n", credentials.clientId(), credentials.scope(),
          credentials.tokenEndpoint());
      token.get();
    }
    SyntheaLoader loader = new SyntheaLoader(new BundlePoster(fhir, request.base(), token));
    LoadSummary shared = loader.post(preparer.prepareAll(folder.sharedBundles()), 1, LoadSamples::print);
    LoadSummary loaded = loader.post(preparer.prepareAll(patients), request.clients(), LoadSamples::print);

    System.out.printf(Locale.ROOT, "Loaded %d bundles, %d resources, in %.1f s%n",
        shared.bundles() + loaded.bundles(), shared.resources() + loaded.resources(),
        shared.seconds() + loaded.seconds());
    System.out.printf(Locale.ROOT, "  shared:   %d bundles, %d resources, in %.1f s%n",
        shared.bundles(), shared.resources(), shared.seconds());
    System.out.printf(Locale.ROOT, "  patients: %d bundles, %d resources, in %.1f s (%.0f resources/s, %d clients)%n",
        loaded.bundles(), loaded.resources(), loaded.seconds(), loaded.resourcesPerSecond(), request.clients());
  }

  private static void print(int done, int total, PreparedBundle bundle, Duration took) {
    System.out.printf(Locale.ROOT, "[%d/%d] %s: %d resources in %.1f s%n",
        done, total, bundle.name(), bundle.resources(), took.toNanos() / 1e9);
  }
}
