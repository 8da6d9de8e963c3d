package health.sihha.hie.interceptors.consent;

import ca.uhn.fhir.context.FhirContext;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;

/** The patients whose compartment a resource is in, as the FHIR compartment definition names them. */
public final class PatientCompartment {

  private PatientCompartment() {}

  /** The ids (without {@code Patient/}) of the patients {@code resource} belongs to: a Patient is its own. */
  public static Set<String> patientsOf(FhirContext fhirContext, IBaseResource resource) {
    Set<String> patients = new LinkedHashSet<>();
    if (resource instanceof Patient && resource.getIdElement().hasIdPart()) {
      patients.add(resource.getIdElement().getIdPart());
    }
    if (!fhirContext.getResourceDefinition(resource).getSearchParamsForCompartmentName("Patient").isEmpty()) {
      fhirContext.newTerser().getCompartmentOwnersForResource("Patient", resource, Set.of()).stream()
          .filter(owner -> "Patient".equals(owner.getResourceType()) && owner.hasIdPart())
          .map(IIdType::getIdPart)
          .forEach(patients::add);
    }
    return patients;
  }

  /**
   * The patients of every resource a response carries (itself, a Bundle's entries, an operation's outputs) that
   * {@code counted} accepts.
   */
  public static Set<String> patientsOfResponse(FhirContext fhirContext, IBaseResource response,
      Predicate<IBaseResource> counted) {
    Set<String> patients = new LinkedHashSet<>();
    collect(fhirContext, response, counted, patients);
    return patients;
  }

  private static void collect(FhirContext fhirContext, IBaseResource resource, Predicate<IBaseResource> counted,
      Set<String> patients) {
    if (resource == null) {
      return;
    }
    if (resource instanceof Bundle bundle) {
      bundle.getEntry().forEach(entry -> collect(fhirContext, entry.getResource(), counted, patients));
    } else if (resource instanceof Parameters parameters) {
      parameters.getParameter().forEach(p -> {
        collect(fhirContext, p.getResource(), counted, patients);
        p.getPart().forEach(part -> collect(fhirContext, part.getResource(), counted, patients));
      });
    } else if (counted.test(resource)) {
      patients.addAll(patientsOf(fhirContext, resource));
    }
  }
}
