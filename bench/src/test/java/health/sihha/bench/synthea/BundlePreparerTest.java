package health.sihha.bench.synthea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundlePreparerTest {

  private final BundlePreparer preparer = new BundlePreparer(FhirContext.forR4Cached());

  @Test
  void patientBundleIsSentAsATransactionWithConditionalSharedResources() {
    PreparedBundle bundle =
        preparer.prepare(SyntheaSamples.r4().resolve("Adan_Portillo_22bbe238-220e-495c-8abc-0ce3aa28a605.json"));

    assertThat(bundle.name()).isEqualTo("Adan_Portillo_22bbe238-220e-495c-8abc-0ce3aa28a605.json");
    assertThat(bundle.batch()).isFalse();
    assertThat(bundle.resources()).isEqualTo(253);
    assertThat(bundle.json())
        .startsWith("{\"resourceType\":\"Bundle\"")
        .contains("\"ifNoneExist\":\"identifier=http://hl7.org/fhir/sid/us-npi|520\"");
  }

  @Test
  void synthea3InformationBundlesAreBatches() {
    SyntheaFolder folder = SyntheaFolder.scan(SyntheaSamples.modern());

    assertThat(preparer.prepareAll(folder.sharedBundles()))
        .extracting(PreparedBundle::batch, PreparedBundle::resources)
        .containsExactly(tuple(true, 19), tuple(true, 18));
  }

  @Test
  void aBundleThatIsNeitherTransactionNorBatchIsRefused(@TempDir Path dir) throws Exception {
    Path collection = Files.writeString(dir.resolve("collection.json"),
        "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}");

    assertThatThrownBy(() -> preparer.prepare(collection))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a transaction or batch bundle");
  }
}
