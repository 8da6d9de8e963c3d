package health.sihha.hie.provider.beds;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Objects;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** {@code Location/{id}/$census} (a ward or room) and {@code Location/$census} (every ward of the facility). */
public final class CensusProvider {

  private final BedCensus census;

  CensusProvider(BedCensus census) {
    this.census = Objects.requireNonNull(census);
  }

  @Operation(name = "$census", idempotent = true, typeName = "Location")
  public Parameters location(@IdParam IdType id, RequestDetails request) {
    return census.of(id, request);
  }

  @Operation(name = "$census", idempotent = true, typeName = "Location")
  public Parameters facility(
      @OperationParam(name = "organization", max = 1) StringType organization, RequestDetails request) {
    return census.facility(organization == null ? null : organization.getValue(), request);
  }
}
