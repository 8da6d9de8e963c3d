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
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/** The Synthea patient bundles, with the national identifier added to each Patient as the demo loader does. */
final class SyntheaBundles {

  static final String SSN_SYSTEM = "http://hl7.org/fhir/sid/us-ssn";

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
          .forEach(SyntheaBundles::addNationalId);
      return resources;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + bundleFile, e);
    }
  }

  /**
   * Whether a validation error is the malformed UCUM unit {@code (score)} Synthea writes on some survey results
   * (UCUM's notation is {@code {score}}). Both HAPI's and the replica's UCUM check report it as an error whatever the
   * profile; the terminology library's unit policy (refuse or warn) is the place to relax it.
   */
  static boolean isScoreUnitError(SingleValidationMessage message) {
    return message.getMessage().contains("'(score)'") && message.getLocationString().endsWith("ofType(Quantity)");
  }

  static void addNationalId(Patient patient) {
    patient.getIdentifier().stream().filter(i -> SSN_SYSTEM.equals(i.getSystem())).findFirst()
        .ifPresent(ssn -> patient.addIdentifier(new Identifier().setSystem(SihhaIg.NATIONAL_ID_SYSTEM)
            .setValue(ssn.getValue().replace("-", ""))));
  }
}
