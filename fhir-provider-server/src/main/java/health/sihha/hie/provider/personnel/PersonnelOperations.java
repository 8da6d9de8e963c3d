package health.sihha.hie.provider.personnel;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Date;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.IdType;

/** {@code Practitioner/{id}/$deactivate}: takes a practitioner and all its roles off the staff. */
public final class PersonnelOperations {

  private final StaffDeactivation deactivation;

  PersonnelOperations(StaffDeactivation deactivation) {
    this.deactivation = deactivation;
  }

  @Operation(name = "$deactivate", typeName = "Practitioner")
  public Bundle deactivate(@IdParam IdType practitioner,
      @OperationParam(name = "date", min = 0, max = 1) DateType date, RequestDetails request) {
    Date end = date == null || !date.hasValue() ? new Date() : date.getValue();
    return deactivation.deactivate(practitioner, end, request);
  }
}
