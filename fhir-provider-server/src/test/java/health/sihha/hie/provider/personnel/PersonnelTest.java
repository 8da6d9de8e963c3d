package health.sihha.hie.provider.personnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.provider.ProviderServerTest;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class PersonnelTest extends ProviderServerTest {

  private static final String ROLE = "http://terminology.hl7.org/CodeSystem/practitioner-role";
  private static final String SPECIALTY = "http://snomed.info/sct";

  @Test
  void listsStaffByRoleSpecialtyAndWard() {
    String cardiology = ward("Cardiology " + System.nanoTime());
    String surgery = ward("Surgery " + System.nanoTime());
    String doctor = practitioner("Haddad");
    String nurse = practitioner("Mansour");
    role(doctor, "doctor", "394579002", cardiology);
    role(nurse, "nurse", "394579002", cardiology);
    role(nurse, "nurse", "394609007", surgery);

    assertThat(staff("location=" + cardiology)).containsExactlyInAnyOrder(doctor, nurse);
    assertThat(staff("location=" + cardiology + "&role=" + ROLE + "|nurse")).containsExactly(nurse);
    assertThat(staff("location=" + surgery + "&specialty=" + SPECIALTY + "|394609007")).containsExactly(nurse);
    assertThat(staff("location=" + cardiology + "&role=" + ROLE + "|doctor&specialty=" + SPECIALTY + "|394579002"))
        .containsExactly(doctor);
  }

  @Test
  void deactivatesAPractitionerAndEveryRoleInOneTransaction() {
    String ward = ward("Maternity " + System.nanoTime());
    String midwife = practitioner("Saidi");
    String first = role(midwife, "nurse", "394579002", ward);
    String second = role(midwife, "nurse", "394609007", ward);

    Parameters in = new Parameters();
    in.addParameter("date", new DateType("2026-12-31"));
    Bundle response = client().operation().onInstance("Practitioner/" + midwife).named("$deactivate")
        .withParameters(in).returnResourceType(Bundle.class).execute();

    assertThat(response.getEntry()).hasSize(3).map(BundleEntryComponent::getResponse)
        .allSatisfy(r -> assertThat(r.getStatus()).startsWith("200"));
    IGenericClient client = client();
    assertThat(client.read().resource(Practitioner.class).withId(midwife).execute().getActive()).isFalse();
    for (String role : List.of(first, second)) {
      PractitionerRole stored = client.read().resource(PractitionerRole.class).withId(role).execute();
      assertThat(stored.getActive()).isFalse();
      assertThat(stored.getPeriod().getEndElement().getValueAsString()).startsWith("2026-12-31");
    }
    assertThat(staff("location=" + ward + "&active=true")).isEmpty();
  }

  @Test
  void refusesToDeactivateWhatDoesNotExistOrWithABadDate() {
    assertThatThrownBy(() -> client().operation().onInstance("Practitioner/no-such-practitioner")
        .named("$deactivate").withNoParameters(Parameters.class).returnResourceType(Bundle.class).execute())
        .isInstanceOf(ResourceNotFoundException.class);
    String nurse = practitioner("Khoury");
    assertThatThrownBy(() -> client().operation().onInstance("Practitioner/" + nurse).named("$deactivate")
        .withSearchParameter(Parameters.class, "date", new ca.uhn.fhir.rest.param.StringParam("yesterday"))
        .useHttpGet().returnResourceType(Bundle.class).execute())
        .isInstanceOf(InvalidRequestException.class);
    assertThat(client().read().resource(Practitioner.class).withId(nurse).execute().getActive()).isTrue();
  }

  private String ward(String name) {
    Location ward = new Location().setName(name).setStatus(Location.LocationStatus.ACTIVE);
    ward.getPhysicalType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/location-physical-type")
        .setCode("wa");
    return "Location/" + client().create().resource(ward).execute().getId().getIdPart();
  }

  private String practitioner(String family) {
    Practitioner practitioner = new Practitioner().setActive(true);
    practitioner.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-npi").setValue(String.valueOf(System.nanoTime()));
    practitioner.addName().setFamily(family).addGiven("Test");
    return client().create().resource(practitioner).execute().getId().getIdPart();
  }

  private String role(String practitioner, String role, String specialty, String location) {
    PractitionerRole practitionerRole = new PractitionerRole().setActive(true)
        .setPractitioner(new Reference("Practitioner/" + practitioner));
    practitionerRole.addCode().addCoding().setSystem(ROLE).setCode(role);
    practitionerRole.addSpecialty().addCoding().setSystem(SPECIALTY).setCode(specialty);
    practitionerRole.addLocation(new Reference(location));
    return client().create().resource(practitionerRole).execute().getId().getIdPart();
  }

  /** The practitioners (ids) holding a role that matches the search. */
  private List<String> staff(String query) {
    Bundle found = client().search().byUrl("PractitionerRole?" + query + "&_include=PractitionerRole:practitioner")
        .returnBundle(Bundle.class).execute();
    return found.getEntry().stream().map(BundleEntryComponent::getResource)
        .filter(Practitioner.class::isInstance).map(r -> r.getIdElement().getIdPart()).distinct().toList();
  }
}
