package health.sihha.hie.interceptors.consent;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import health.sihha.hie.interceptors.consent.ConsentDirectives.Denial;
import health.sihha.hie.interceptors.security.SmartGrant;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentNetworkType;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * The AuditEvent of a break-glass access, after IHE BALP (patient read or query): purpose of event
 * {@code v3-ActReason|BTG} with the stated reason as its text, on the event and on the user agent; the user
 * ({@code fhirUser}, token subject), the client and this server as agents; every patient whose consent was
 * overridden as a patient entity carrying the reason in its detail, the overridden Consents, and what was asked.
 */
public final class BreakGlassAuditEvents {

  static final String BTG = "BTG";
  static final String REASON_DETAIL = "break-glass-reason";

  private static final String BALP = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.";
  private static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
  private static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
  private static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
  private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
  private static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
  private static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
  private static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";

  private BreakGlassAuditEvents() {}

  static AuditEvent of(RequestDetails request, SmartGrant grant, String reason, List<Denial> overridden,
      String serverId) {
    boolean read = isRead(request.getRestOperationType());
    AuditEvent event = new AuditEvent();
    event.getMeta().addProfile(BALP + (read ? "PatientRead" : "PatientQuery"));
    event.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "Restful Operation"));
    event.addSubtype(new Coding(RESTFUL_INTERACTION, interaction(request.getRestOperationType()), null));
    event.setAction(read ? AuditEventAction.R : AuditEventAction.E);
    event.setRecorded(new Date());
    event.setOutcome(AuditEventOutcome._0);
    event.setOutcomeDesc("break-glass access overriding " + String.join(", ",
        overridden.stream().map(Denial::consent).distinct().toList()) + ": " + reason);
    event.addPurposeOfEvent(breakTheGlass(reason));

    event.addAgent(user(request, grant, reason));
    if (grant.clientId() != null) {
      event.addAgent(new AuditEventAgentComponent().setRequestor(false)
          .setType(new CodeableConcept(new Coding(DICOM, "110150", "Application")))
          .setWho(new Reference().setIdentifier(new Identifier().setValue(grant.clientId()))
              .setDisplay(grant.clientId())));
    }
    AuditEventAgentComponent server = new AuditEventAgentComponent().setRequestor(false)
        .setType(new CodeableConcept(new Coding(DICOM, "110152", "Destination Role ID")))
        .setWho(new Reference().setDisplay(serverId));
    if (request.getFhirServerBase() != null) {
      server.getNetwork().setAddress(request.getFhirServerBase()).setType(AuditEventAgentNetworkType._5);
    }
    event.addAgent(server);
    event.getSource().setSite(serverId).setObserver(new Reference().setDisplay(serverId))
        .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));

    overridden.stream().map(Denial::patient).distinct().forEach(patient -> event.addEntity(patient(patient, reason)));
    overridden.stream().map(Denial::consent).distinct().forEach(consent -> event.addEntity(
        new AuditEventEntityComponent().setWhat(new Reference(consent))
            .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
            .setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"))
            .setDescription("the consent the break-glass access overrode")));
    event.addEntity(requested(request));
    return event;
  }

  /**
   * The AuditEvent of a break-glass access that opened sealed content (at the ministry, where a key holding role
   * {@code break-glass} opens every default policy): the patients whose data was opened as entities, no Consent.
   */
  public static AuditEvent ofUnsealing(RequestDetails request, SmartGrant grant, String reason, Set<String> patients,
      String serverId) {
    AuditEvent event = of(request, grant, reason, List.of(), serverId);
    event.setOutcomeDesc("break-glass access opening sealed content: " + reason);
    patients.forEach(patient -> event.getEntity().add(0, patient(patient, reason)));
    return event;
  }

  private static CodeableConcept breakTheGlass(String reason) {
    return new CodeableConcept(new Coding(ConsentDirectives.ACT_REASON, BTG, "break the glass")).setText(reason);
  }

  private static AuditEventAgentComponent user(RequestDetails request, SmartGrant grant, String reason) {
    Reference who = new Reference().setIdentifier(new Identifier().setValue(grant.subject()));
    if (grant.fhirUser() != null) {
      who.setReference(grant.fhirUser());
    }
    AuditEventAgentComponent agent = new AuditEventAgentComponent().setRequestor(true).setWho(who)
        .setAltId(grant.subject())
        .setType(new CodeableConcept(new Coding(PARTICIPATION_TYPE, "IRCP", "information recipient")));
    agent.addPurposeOfUse(breakTheGlass(reason));
    if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
      agent.getNetwork().setAddress(servlet.getServletRequest().getRemoteAddr()).setType(AuditEventAgentNetworkType._2);
    }
    return agent;
  }

  private static AuditEventEntityComponent patient(String patient, String reason) {
    AuditEventEntityComponent entity = new AuditEventEntityComponent()
        .setWhat(new Reference(new IdType("Patient", patient)))
        .setType(new Coding(ENTITY_TYPE, "1", "Person"))
        .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
    entity.addDetail().setType(REASON_DETAIL).setValue(new StringType(reason));
    return entity;
  }

  private static AuditEventEntityComponent requested(RequestDetails request) {
    AuditEventEntityComponent entity = new AuditEventEntityComponent()
        .setType(new Coding(ENTITY_TYPE, "2", "System Object"));
    if (request.getId() != null && request.getId().hasIdPart()) {
      return entity.setWhat(new Reference(request.getId().toUnqualifiedVersionless().getValue()))
          .setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
    }
    entity.setRole(new Coding(OBJECT_ROLE, "24", "Query"))
        .setQuery(request.getCompleteUrl().getBytes(StandardCharsets.UTF_8));
    entity.getWhat().setDisplay(request.getResourceName() == null ? request.getRequestPath() : request.getResourceName());
    return entity;
  }

  private static boolean isRead(RestOperationTypeEnum operation) {
    return operation == RestOperationTypeEnum.READ || operation == RestOperationTypeEnum.VREAD;
  }

  private static String interaction(RestOperationTypeEnum operation) {
    if (operation == null) {
      return "operation";
    }
    return switch (operation) {
      case EXTENDED_OPERATION_INSTANCE, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_SERVER -> "operation";
      case GET_PAGE -> "search-type";
      default -> operation.getCode();
    };
  }
}
