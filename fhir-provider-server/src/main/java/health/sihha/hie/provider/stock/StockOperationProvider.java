package health.sihha.hie.provider.stock;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.ZoneId;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** {@code GET /Medication/$stock} and {@code GET /Medication/{id}/$stock}: on-hand stock. */
public final class StockOperationProvider {

  private final StockReport report;
  private final ZoneId zone;

  StockOperationProvider(StockReport report, ZoneId zone) {
    this.report = report;
    this.zone = zone;
  }

  @Operation(name = "$stock", idempotent = true, typeName = "Medication")
  public Parameters stock(
      @OperationParam(name = "code", max = 1) StringType code,
      @OperationParam(name = "location", max = 1) StringType location,
      @OperationParam(name = "expires-before", max = 1) StringType expiresBefore,
      @OperationParam(name = "include-empty", max = 1) StringType includeEmpty,
      RequestDetails request) {
    return report.all(StockQuery.parse(code, location, expiresBefore, includeEmpty, zone), request);
  }

  @Operation(name = "$stock", idempotent = true, typeName = "Medication")
  public Parameters batchStock(
      @IdParam IdType medication,
      @OperationParam(name = "location", max = 1) StringType location,
      @OperationParam(name = "include-empty", max = 1) StringType includeEmpty,
      RequestDetails request) {
    return report.batch(medication, StockQuery.parse(null, location, null, includeEmpty, zone), request);
  }
}
