package health.sihha.bench.synthea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheaFolderTest {

  @Test
  void synthea2FolderHasInformationBundlesFirstAndPatientsByName() {
    SyntheaFolder folder = SyntheaFolder.scan(SyntheaSamples.r4());

    assertThat(names(folder.sharedBundles()))
        .containsExactly("hospitalInformation1559319163815.json", "practitionerInformation1559319163815.json");
    assertThat(folder.patientBundles()).hasSize(100);
    assertThat(names(folder.patientBundles())).isSorted().allSatisfy(name -> assertThat(name).endsWith(".json"));
    assertThat(names(folder.firstPatients(2))).containsExactly(
        "Adan_Portillo_22bbe238-220e-495c-8abc-0ce3aa28a605.json",
        "Adolph_Smith_0c6b1f3d-edb2-422b-a0af-a262fb90ed07.json");
  }

  @Test
  void synthea3FolderLeavesOutTheRunMetadata() {
    SyntheaFolder folder = SyntheaFolder.scan(SyntheaSamples.modern());

    assertThat(names(folder.sharedBundles()))
        .containsExactly("hospitalInformation1728333795898.json", "practitionerInformation1728333795898.json");
    assertThat(names(folder.patientBundles())).containsExactly(
        "Laquanda221_Haag279_84a90023-0c6b-0eb9-95d6-50861e13f9b3.json",
        "Maricela194_Heidenreich818_9a998c27-9e98-29c2-8878-e214c9cef5ed.json");
  }

  @Test
  void askingForMorePatientsThanThereAreGivesAll() {
    SyntheaFolder folder = SyntheaFolder.scan(SyntheaSamples.modern());

    assertThat(folder.firstPatients(5)).isEqualTo(folder.patientBundles());
  }

  @Test
  void aMissingFolderIsAUsageError() {
    assertThatThrownBy(() -> SyntheaFolder.scan(Path.of("no-such-folder")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a folder");
  }

  private static List<String> names(List<Path> files) {
    return files.stream().map(file -> file.getFileName().toString()).toList();
  }
}
