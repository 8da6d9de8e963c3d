package health.sihha.hie.keycloak.facility;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FacilitiesTest {

  @Test
  void theUnitIsTheOneGroupUnderFacilities() {
    assertThat(Facilities.unitOf(Stream.of("/facilities/provider-a", "/reporting"))).hasValue("provider-a");
    assertThat(Facilities.unitOf(Stream.of("/facilities/ministry/terminology"))).hasValue("ministry/terminology");
    assertThat(Facilities.facilityOf("ministry/terminology")).isEqualTo("ministry");
    assertThat(Facilities.facilityOf("provider-a")).isEqualTo("provider-a");
  }

  @Test
  void noFacilityGroupOrMoreThanOneIsNoFacility() {
    assertThat(Facilities.unitOf(Stream.of("/reporting", "/facilities"))).isEmpty();
    assertThat(Facilities.unitOf(Stream.of("/facilities/provider-a", "/facilities/provider-b"))).isEmpty();
    assertThat(Facilities.unitOf(Stream.of("/facilitiesX/provider-a"))).isEmpty();
  }
}
