package health.sihha.hie.ig;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/** The Synthea patient bundles, with the national identifier added to each Patient as the demo loader does. */
final class SyntheaBundles {

  private SyntheaBundles() {}

  /** The patient bundles (not the hospital and practitioner bundles), by file name. */
  static List<Path> patientBundles(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().matches("[A-Z].*_.*\\.json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /** The resources of one bundle, each Patient given its national identifier. */
  static List<Resource> resources(FhirContext fhirContext, Path bundleFile) {
    try {
      Bundle bundle = fhirContext.newJsonParser().parseResource(Bundle.class, Files.readString(bundleFile));
      List<Resource> resources = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
      resources.stream().filter(Patient.class::isInstance).map(Patient.class::cast)
          .forEach(NationalIdentifiers::deriveFromSsn);
      return resources;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + bundleFile, e);
    }
  }

  /**
   * Whether a validation error is one of the three data errors Synthea v2.4 makes against the base specification,
   * which no profile can relax: the malformed UCUM unit {@code (score)} on survey results (UCUM writes
   * {@code {score}}), the category code {@code vital-sign} (the code is {@code vital-signs}) and the language system
   * {@code http://id.loc.gov/vocabulary/iso639-1} (FHIR's is {@code urn:ietf:bcp:47}). Stock HAPI reports them as
   * errors too.
   */
  static boolean isKnownDataError(SingleValidationMessage message) {
    String text = message.getMessage();
    return text.contains("'(score)'") && message.getLocationString().endsWith("ofType(Quantity)")
        || text.contains("observation-category#vital-sign'")
        || text.contains("\"http://id.loc.gov/vocabulary/iso639-1\"");
  }
}
