package health.sihha.hie.provider.audit;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;

/**
 * {@code Patient/[id]/$access-log}: who read or wrote the patient's data and when, for the patient or a privacy
 * officer.
 */
public final class AccessLogOperation {

  private final AccessLogPolicy policy;
  private final AccessLog log;
  private final AuditProperties properties;

  AccessLogOperation(AccessLogPolicy policy, AccessLog log, AuditProperties properties) {
    this.policy = requireNonNull(policy);
    this.log = requireNonNull(log);
    this.properties = requireNonNull(properties);
  }

  @Operation(name = "$access-log", idempotent = true, typeName = "Patient")
  public Parameters accessLog(@IdParam IdType patient, @OperationParam(name = "_count", max = 1) IntegerType count,
      RequestDetails request) {
    policy.check(request, patient.getIdPart());
    return log.of(patient.getIdPart(), limit(count));
  }

  private int limit(IntegerType count) {
    if (count == null || !count.hasValue()) {
      return properties.accessLogLimit();
    }
    if (count.getValue() < 1 || count.getValue() > properties.accessLogMax()) {
      throw new InvalidRequestException(Codes.of(1614) + "_count must be 1 to "
          + properties.accessLogMax() + ", not " + count.getValue());
    }
    return count.getValue();
  }
}
