package health.sihha.hie.ig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/**
 * Real Synthea records pass the IG resource by resource, each against the profile selected for it. The only errors
 * left are Synthea's own errors against the base specification (see {@link SyntheaBundles#isKnownDataError}).
 */
class SyntheaValidationTest {

  @Test
  void threeSyntheaPatientsValidateWithoutErrors() {
    assumeTrue(Files.isDirectory(ServerValidation.SYNTHEA), "no Synthea data at " + ServerValidation.SYNTHEA);
    ServerValidation validation = ServerValidation.shared();
    List<String> errors = new ArrayList<>();
    int validated = 0;

    for (Path bundle : SyntheaBundles.patientBundles(ServerValidation.SYNTHEA).subList(0, 3)) {
      for (Resource resource : SyntheaBundles.resources(validation.fhirContext, bundle)) {
        ServerValidation.errors(validation.validate(resource)).stream()
            .filter(m -> !SyntheaBundles.isKnownDataError(m))
            .forEach(m -> errors.add(resource.fhirType() + " " + m.getLocationString() + " " + m.getMessage()));
        validated++;
      }
    }

    assertThat(validated).isGreaterThan(500);
    assertThat(errors).isEmpty();
  }
}
