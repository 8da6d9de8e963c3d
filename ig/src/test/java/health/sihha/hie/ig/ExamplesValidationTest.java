package health.sihha.hie.ig;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class ExamplesValidationTest {

  private final ServerValidation validation = ServerValidation.shared();

  @Test
  void everyExampleConformsToTheProfileItIsSelectedFor() {
    var examples = Examples.all(validation.fhirContext);

    assertThat(examples).hasSizeGreaterThanOrEqualTo(14);
    for (Resource example : examples) {
      var profile = validation.selector.profileFor(example);
      assertThat(profile).as(example.getId()).isPresent();
      assertThat(example.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(profile.get());
      assertThat(ServerValidation.errors(validation.validate(example, profile)))
          .as(example.getIdElement().toUnqualifiedVersionless().getValue()).isEmpty();
    }
  }
}
