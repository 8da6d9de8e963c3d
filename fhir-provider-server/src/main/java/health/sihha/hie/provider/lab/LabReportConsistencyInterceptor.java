package health.sihha.hie.provider.lab;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.HieOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;

/**
 * A report's results are about the report's subject: a DiagnosticReport that groups another patient's Observations
 * is refused. Runs before commit, when the references of a transaction's entries point at stored resources. A result
 * written by the same transaction is taken as HAPI holds it for that transaction ({@link TransactionDetails}); only
 * the others are read, as the writer (a Synthea bundle's report names a dozen Observations of its own bundle, and each
 * read is a database query and a consent check).
 */
@Interceptor(order = HieOrder.CLINICAL_INVARIANTS)
public final class LabReportConsistencyInterceptor {

  private final IFhirResourceDao<Observation> observations;

  LabReportConsistencyInterceptor(IFhirResourceDao<Observation> observations) {
    this.observations = observations;
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void created(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
    check(resource, request, transaction);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request,
      TransactionDetails transaction) {
    check(resource, request, transaction);
  }

  private void check(IBaseResource resource, RequestDetails request, TransactionDetails transaction) {
    if (!(resource instanceof DiagnosticReport report) || !report.hasSubject()) {
      return;
    }
    String subject = report.getSubject().getReferenceElement().toUnqualifiedVersionless().getValue();
    List<String> others = new ArrayList<>();
    for (Reference result : report.getResult()) {
      if (!result.getReferenceElement().hasIdPart()) {
        continue;
      }
      Observation observation = writtenBy(transaction, result.getReferenceElement())
          .orElseGet(() -> observations.read(result.getReferenceElement(), request));
      String resultSubject = observation.getSubject().getReferenceElement().toUnqualifiedVersionless().getValue();
      if (!subject.equals(resultSubject)) {
        others.add(result.getReference() + " is about " + (resultSubject == null ? "no subject" : resultSubject));
      }
    }
    if (!others.isEmpty()) {
      throw new UnprocessableEntityException(Codes.of(1280) + "DiagnosticReport.result must be about the report's"
          + " subject " + subject + ": " + String.join("; ", others));
    }
  }

  private static Optional<Observation> writtenBy(TransactionDetails transaction, IIdType id) {
    return transaction == null ? Optional.empty()
        : Optional.ofNullable(transaction.getResolvedResource(id)).filter(Observation.class::isInstance)
            .map(Observation.class::cast);
  }
}
