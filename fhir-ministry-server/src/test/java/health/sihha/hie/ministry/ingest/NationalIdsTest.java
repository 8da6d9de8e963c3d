package health.sihha.hie.ministry.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NationalIdsTest {

  @Test
  void prefixesTheSourceIdWithTheProvider() {
    assertThat(NationalIds.of("provider-a", "e14502ae-d3d0-4a52-8b5e-7a833f1a3bf4"))
        .isEqualTo("provider-a.e14502ae-d3d0-4a52-8b5e-7a833f1a3bf4");
  }

  @Test
  void aTooLongCombinationKeepsTheProviderAndHashesTheSourceId() {
    String longSourceId = "x".repeat(64);
    String id = NationalIds.of("provider-a", longSourceId);
    assertThat(id).hasSize(NationalIds.MAX_FHIR_ID).startsWith("provider-a.").matches("[A-Za-z0-9.-]+");
    assertThat(NationalIds.of("provider-a", longSourceId)).isEqualTo(id);
    assertThat(NationalIds.of("provider-a", "y".repeat(64))).isNotEqualTo(id);
  }
}
