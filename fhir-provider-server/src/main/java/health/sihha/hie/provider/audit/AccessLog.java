package health.sihha.hie.provider.audit;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import health.sihha.hie.interceptors.Codes;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * Who read or wrote a patient's data and when: the AuditEvents naming the patient ({@code AuditEvent?patient=}), the
 * latest first, each as one {@code entry} with the version of the AuditEvent and where its ledger proof is. Refused
 * requests (their AuditEvents name the patient of a patient's token) and break-glass reads are among them.
 */
final class AccessLog {

  private final IFhirResourceDao<AuditEvent> events;
  private final IFhirResourceDao<Patient> patients;

  AccessLog(IFhirResourceDao<AuditEvent> events, IFhirResourceDao<Patient> patients) {
    this.events = requireNonNull(events);
    this.patients = requireNonNull(patients);
  }

  /** The latest {@code limit} accesses to the data of Patient {@code patientId}; 404 without such a patient. */
  Parameters of(String patientId, int limit) {
    IdType patient = new IdType("Patient", patientId);
    try {
      patients.read(patient, new SystemRequestDetails());
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      throw new ResourceNotFoundException(Codes.of(1613) + "no " + patient.getValue() + " at this server");
    }
    SearchParameterMap search = SearchParameterMap.newSynchronous()
        .add(AuditEvent.SP_PATIENT, new ReferenceParam(patient.getValue()));
    search.setSort(new SortSpec(AuditEvent.SP_DATE, SortOrderEnum.DESC));
    search.setCount(limit);
    List<IBaseResource> found = events.search(search, new SystemRequestDetails()).getResources(0, limit);
    Parameters log = new Parameters();
    log.addParameter().setName("patient").setValue(new Reference(patient));
    found.stream().map(AuditEvent.class::cast).forEach(event -> log.addParameter(entry(event)));
    return log;
  }

  private static ParametersParameterComponent entry(AuditEvent event) {
    IdType id = event.getIdElement().toUnqualified();
    ParametersParameterComponent entry = new ParametersParameterComponent().setName("entry");
    entry.addPart().setName("recorded").setValue(new InstantType(event.getRecorded()));
    if (event.hasAction()) {
      entry.addPart().setName("action").setValue(new CodeType(event.getAction().toCode()));
    }
    event.getSubtype().stream().findFirst().map(Coding::getCode)
        .ifPresent(code -> entry.addPart().setName("interaction").setValue(new CodeType(code)));
    if (event.hasOutcome()) {
      entry.addPart().setName("outcome").setValue(new CodeType(event.getOutcome().toCode()));
    }
    event.getAgent().stream().filter(AuditEventAgentComponent::getRequestor).findFirst()
        .ifPresent(user -> entry.addPart().setName("who").setValue(user.getWho().copy()));
    // the client application: the other agent named by an identifier (the server is named by its address only)
    event.getAgent().stream().filter(agent -> !agent.getRequestor()).map(AuditEventAgentComponent::getWho)
        .filter(Reference::hasIdentifier).findFirst()
        .ifPresent(client -> entry.addPart().setName("client").setValue(client.copy()));
    event.getEntity().stream()
        .filter(entity -> !entity.getRole().is(BalpConstants.CS_OBJECT_ROLE, BalpConstants.CS_OBJECT_ROLE_1_PATIENT))
        .map(AuditEventEntityComponent::getWhat).filter(Reference::hasReference).findFirst()
        .ifPresent(what -> entry.addPart().setName("what").setValue(what.copy()));
    entry.addPart().setName("auditEvent").setValue(new Reference(id.getValue()));
    entry.addPart().setName("ledgerProof").setValue(new StringType(
        id.toVersionless().getValue() + "/$ledger-proof?version=" + id.getVersionIdPart()));
    return entry;
  }
}
