package health.sihha.hie.ig;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates every Synthea patient bundle resource by resource, each against the profile ProfileSelector picks, and
 * logs the error counts per profile and message and the validation speed. Not run by the build: {@code mvn -o -pl ig
 * test-compile exec:java -Dexec.mainClass=health.sihha.hie.ig.SyntheaChecker -Dexec.classpathScope=test}.
 */
public final class SyntheaChecker {

  private static final Logger log = LoggerFactory.getLogger(SyntheaChecker.class);

  private SyntheaChecker() {}

  public static void main(String[] args) {
    Path folder = args.length > 0 ? Path.of(args[0]) : ServerValidation.SYNTHEA;
    long setup = System.nanoTime();
    ServerValidation validation = ServerValidation.shared();
    log.info("validation chain ready in {} ms", (System.nanoTime() - setup) / 1_000_000);
    Map<String, Integer> resourcesPerProfile = new TreeMap<>();
    Map<String, Integer> errorsPerMessage = new TreeMap<>();
    Map<String, Long> nanosPerProfile = new TreeMap<>();
    int bundles = 0;
    int resources = 0;
    int errors = 0;
    int knownDataErrors = 0;
    long started = System.nanoTime();
    for (Path bundle : SyntheaBundles.patientBundles(folder)) {
      for (Resource resource : SyntheaBundles.resources(validation.fhirContext, bundle)) {
        String profile = resource.fhirType() + " " + validation.selector.profileFor(resource).orElse("(base)");
        long start = System.nanoTime();
        List<SingleValidationMessage> found = ServerValidation.errors(validation.validate(resource));
        nanosPerProfile.merge(profile, System.nanoTime() - start, Long::sum);
        resourcesPerProfile.merge(profile, 1, Integer::sum);
        knownDataErrors += (int) found.stream().filter(SyntheaBundles::isKnownDataError).count();
        for (SingleValidationMessage error : found) {
          errorsPerMessage.merge(profile + " | " + error.getLocationString() + " | " + error.getMessage(), 1,
              Integer::sum);
        }
        errors += found.size();
        resources++;
      }
      bundles++;
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    resourcesPerProfile.forEach((profile, count) -> log.info("{}: {} resources, {} ms each", profile, count,
        String.format("%.2f", nanosPerProfile.get(profile) / 1e6 / count)));
    errorsPerMessage.forEach((message, count) -> log.info("{} x {}", count, message));
    log.info("{} bundles, {} resources, {} errors ({} of them Synthea's known base-specification data errors)"
        + " in {} s: {} resources/s", bundles, resources, errors, knownDataErrors,
        String.format("%.1f", seconds), String.format("%.0f", resources / seconds));
  }
}
