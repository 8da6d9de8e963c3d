package health.sihha.hie.provider.beds;

import static health.sihha.hie.provider.beds.Ward.assertRefused;
import static health.sihha.hie.provider.beds.Ward.census;
import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.provider.ProviderServerTest;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterLocationStatus;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** Admission, transfer and discharge over REST, with the ward's census after every step. */
class BedOccupancyTest extends ProviderServerTest {

  @Test
  void admitsTransfersAndDischargesKeepingBedsAndCensusInStep() {
    Ward ward = new Ward(client(), "Cardiology");
    String room1 = ward.room("Room 1");
    String room2 = ward.room("Room 2");
    String bed1 = ward.bed("Bed 1A", room1, "U");
    String bed2 = ward.bed("Bed 1B", room1, "U");
    String closed = ward.bed("Bed 2A", room2, "C");
    String housekeeping = ward.bed("Bed 2B", room2, "H");
    String corridor = ward.bed("Corridor bed", null, "U");
    assertThat(ward.census()).isEqualTo(census(5, 0, 3, 1, 1));

    String first = ward.admit(ward.patient(), bed1);
    assertThat(ward.status(bed1)).isEqualTo("O");
    assertThat(ward.census()).isEqualTo(census(5, 1, 2, 1, 1));

    String second = ward.patient();
    assertRefused(() -> ward.admit(second, bed1), 409, 1220);
    assertThat(ward.status(bed1)).isEqualTo("O");
    assertThat(ward.hospitalizationsIn(bed1)).containsExactly(first);
    assertRefused(() -> ward.admit(second, closed), 409, 1220);
    assertRefused(() -> ward.admit(second, housekeeping), 409, 1220);
    assertThat(ward.census()).isEqualTo(census(5, 1, 2, 1, 1));

    ward.transfer(first, bed2);
    assertThat(ward.status(bed1)).isEqualTo("H");
    assertThat(ward.status(bed2)).isEqualTo("O");
    assertThat(ward.census()).isEqualTo(census(5, 1, 1, 2, 1));

    String third = ward.admit(second, corridor);
    assertRefused(() -> ward.transfer(first, corridor), 409, 1220);
    assertThat(ward.hospitalizationsIn(bed2)).containsExactly(first);
    assertThat(ward.hospitalizationsIn(corridor)).containsExactly(third);
    assertThat(ward.encounter(first).getLocation()).hasSize(3);
    assertThat(ward.census()).isEqualTo(census(5, 2, 0, 2, 1));

    Encounter discharged = ward.encounter(first).setStatus(EncounterStatus.FINISHED);
    client().update().resource(discharged).execute();
    assertThat(ward.status(bed2)).isEqualTo("H");
    assertThat(ward.census()).isEqualTo(census(5, 1, 0, 3, 1));

    client().delete().resourceById("Encounter", third).execute();
    assertThat(ward.status(corridor)).isEqualTo("H");
    assertThat(ward.census()).isEqualTo(census(5, 0, 0, 4, 1));
  }

  @Test
  void completingTheBedEntryOrCancellingFreesTheBed() {
    Ward ward = new Ward(client(), "Surgery");
    String bed = ward.bed("Bed 1", ward.room("Room 1"), "U");
    String other = ward.bed("Bed 2", ward.room("Room 2"), "U");

    Encounter stay = ward.encounter(ward.admit(ward.patient(), bed));
    stay.getLocation().forEach(entry -> entry.setStatus(EncounterLocationStatus.COMPLETED));
    client().update().resource(stay).execute();
    assertThat(ward.status(bed)).isEqualTo("H");

    Encounter arrived = ward.admission(ward.patient(), other).setStatus(EncounterStatus.ARRIVED);
    String arrivedId = client().create().resource(arrived).execute().getId().getIdPart();
    assertThat(ward.status(other)).isEqualTo("O");
    client().update().resource(ward.encounter(arrivedId).setStatus(EncounterStatus.CANCELLED)).execute();
    assertThat(ward.status(other)).isEqualTo("H");
  }

  @Test
  void bedStatusFollowsItsPatientNotTheClient() {
    Ward ward = new Ward(client(), "Oncology");
    String room = ward.room("Room 1");
    String free = ward.bed("Bed 1", room, "U");
    String taken = ward.bed("Bed 2", room, "U");
    String stay = ward.admit(ward.patient(), taken);

    Location byHand = client().read().resource(Location.class).withId(free).execute();
    byHand.setOperationalStatus(new Coding(Ward.BED_STATUS, "O", "Occupied"));
    assertRefused(() -> client().update().resource(byHand).execute(), 409, 1224);
    assertThat(ward.status(free)).isEqualTo("U");

    Location cleaned = client().read().resource(Location.class).withId(taken).execute();
    cleaned.setOperationalStatus(new Coding(Ward.BED_STATUS, "U", "Unoccupied"));
    assertRefused(() -> client().update().resource(cleaned).execute(), 409, 1223);
    assertRefused(() -> client().delete().resourceById("Location", taken).execute(), 409, 1225);
    assertThat(ward.status(taken)).isEqualTo("O");

    Location renamed = client().read().resource(Location.class).withId(taken).execute().setName("Bed 2 (window)");
    client().update().resource(renamed).execute();
    Location housekeeping = client().read().resource(Location.class).withId(free).execute();
    housekeeping.setOperationalStatus(new Coding(Ward.BED_STATUS, "H", "Housekeeping"));
    client().update().resource(housekeeping).execute();
    assertThat(ward.hospitalizationsIn(taken)).containsExactly(stay);
  }

  @Test
  void oneBedAtATime() {
    Ward ward = new Ward(client(), "Neurology");
    String room = ward.room("Room 1");
    String bed1 = ward.bed("Bed 1", room, "U");
    String bed2 = ward.bed("Bed 2", room, "U");
    Encounter twoBeds = ward.admission(ward.patient(), bed1);
    twoBeds.addLocation().setLocation(new Reference("Location/" + bed2)).setStatus(EncounterLocationStatus.ACTIVE);

    assertRefused(() -> client().create().resource(twoBeds).execute(), 422, 1222);
    assertThat(ward.status(bed1)).isEqualTo("U");
    assertThat(ward.status(bed2)).isEqualTo("U");
  }

  @Test
  void censusCountsEveryPageOfBedsAndEveryWardOfTheFacility() {
    Ward ward = new Ward(client(), "Internal medicine");
    for (int r = 1; r <= 3; r++) {
      String room = ward.room("Room " + r);
      for (int b = 1; b <= 9; b++) {
        ward.bed("Bed " + r + "." + b, room, b == 9 ? "K" : "U");
      }
    }
    String isolation = ward.bed("Isolation bed", null, "I");
    assertThat(ward.census()).containsEntry("total", 28).containsEntry("free", 24).containsEntry("contaminated", 3)
        .containsEntry("isolated", 1);

    Parameters facility = ward.facilityCensus();
    assertThat(Ward.counts(facility.getParameter())).containsEntry("total", 28).containsEntry("free", 24);
    assertThat(facility.getParameter()).filteredOn(p -> p.getName().equals("ward")).singleElement()
        .satisfies(part -> {
          assertThat(((Reference) part.getPart().get(0).getValue()).getReference()).isEqualTo("Location/" + ward.id);
          assertThat(Ward.counts(part.getPart())).containsEntry("total", 28);
        });
    assertThat(facility.getParameter()).extracting(ParametersParameterComponent::getName).contains("occupied");

    assertRefused(() -> client().operation().onInstance("Location/" + isolation).named("$census")
        .withNoParameters(Parameters.class).useHttpGet().execute(), 400, 1228);
    assertRefused(() -> client().operation().onInstance("Location/no-such-ward").named("$census")
        .withNoParameters(Parameters.class).useHttpGet().execute(), 404, 1229);
  }
}
