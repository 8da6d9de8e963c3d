package health.sihha.hie.interceptors.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import health.sihha.hie.interceptors.security.SmartGrant;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Optional;
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

/**
 * Builds the R4 AuditEvent of a refused REST request, after IHE Basic Audit Log Patterns (BALP): type {@code rest},
 * subtype the restful interaction, the user agent as requestor, the client application and this server as the other
 * agents, the requested resource (or the query) as entity, and the launch patient as a patient entity.
 */
final class DenialAuditEvents {

  static final String BALP = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.";
  static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
  static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
  static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
  static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
  static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
  static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
  static final String SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";

  /** Longer request URLs are cut here: a refused request must not write what its sender chose, at any length. */
  static final int MAX_URL_LENGTH = 512;

  private DenialAuditEvents() {}

  /** {@code url} cut to {@link #MAX_URL_LENGTH} characters, marked with an ellipsis when cut. */
  static String truncated(String url) {
    if (url == null || url.length() <= MAX_URL_LENGTH) {
      return url;
    }
    return url.substring(0, MAX_URL_LENGTH - 1) + "…";
  }

  static AuditEvent of(RequestDetails request, int status, String message, Optional<SmartGrant> grant,
      String serverId) {
    RestOperationTypeEnum operation = request.getRestOperationType();
    AuditEventAction action = action(operation);
    AuditEvent event = new AuditEvent();
    event.getMeta().addProfile(BALP + profile(action, grant));
    event.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "Restful Operation"));
    event.addSubtype(new Coding(RESTFUL_INTERACTION, interaction(operation), null));
    event.setAction(action);
    event.setRecorded(new Date());
    event.setOutcome(status == 401 ? AuditEventOutcome._8 : AuditEventOutcome._4);
    event.setOutcomeDesc(message);
    event.addAgent(user(request, grant));
    grant.map(SmartGrant::clientId).ifPresent(client -> event.addAgent(client(client)));
    event.addAgent(server(request, serverId));
    event.getSource().setSite(serverId).setObserver(new Reference().setDisplay(serverId))
        .addType(new Coding(SOURCE_TYPE, "4", "Application Server"));
    event.addEntity(requested(request, action));
    grant.map(SmartGrant::patient).ifPresent(patient -> event.addEntity(patient(patient)));
    return event;
  }

  private static AuditEventAgentComponent user(RequestDetails request, Optional<SmartGrant> grant) {
    AuditEventAgentComponent agent = new AuditEventAgentComponent().setRequestor(true);
    agent.setType(new CodeableConcept(new Coding(PARTICIPATION_TYPE, "IRCP", "information recipient")));
    if (grant.isPresent()) {
      Reference who = new Reference().setIdentifier(new Identifier().setValue(grant.get().subject()));
      if (grant.get().fhirUser() != null) {
        who.setReference(grant.get().fhirUser());
      }
      agent.setWho(who).setAltId(grant.get().subject());
    } else {
      agent.setWho(new Reference().setDisplay("unauthenticated"));
    }
    if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
      agent.getNetwork().setAddress(servlet.getServletRequest().getRemoteAddr())
          .setType(AuditEventAgentNetworkType._2);
    }
    return agent;
  }

  private static AuditEventAgentComponent client(String clientId) {
    return new AuditEventAgentComponent().setRequestor(false)
        .setType(new CodeableConcept(new Coding(DICOM, "110150", "Application")))
        .setWho(new Reference().setIdentifier(new Identifier().setValue(clientId)).setDisplay(clientId));
  }

  private static AuditEventAgentComponent server(RequestDetails request, String serverId) {
    AuditEventAgentComponent agent = new AuditEventAgentComponent().setRequestor(false)
        .setType(new CodeableConcept(new Coding(DICOM, "110152", "Destination Role ID")))
        .setWho(new Reference().setDisplay(serverId));
    if (request.getFhirServerBase() != null) {
      agent.getNetwork().setAddress(request.getFhirServerBase()).setType(AuditEventAgentNetworkType._5);
    }
    return agent;
  }

  private static AuditEventEntityComponent requested(RequestDetails request, AuditEventAction action) {
    AuditEventEntityComponent entity = new AuditEventEntityComponent()
        .setType(new Coding(ENTITY_TYPE, "2", "System Object"));
    if (request.getId() != null && request.getId().hasIdPart()) {
      entity.setWhat(new Reference(request.getId().toUnqualifiedVersionless().getValue()))
          .setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
    } else if (action == AuditEventAction.E) {
      entity.setRole(new Coding(OBJECT_ROLE, "24", "Query"))
          .setQuery(truncated(request.getCompleteUrl()).getBytes(StandardCharsets.UTF_8));
      entity.getWhat().setDisplay(request.getResourceName());
    } else {
      entity.setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"));
      entity.getWhat().setDisplay(request.getResourceName() == null ? request.getRequestPath() : request.getResourceName());
    }
    return entity;
  }

  private static AuditEventEntityComponent patient(String patient) {
    return new AuditEventEntityComponent()
        .setWhat(new Reference(new IdType("Patient", patient)))
        .setType(new Coding(ENTITY_TYPE, "1", "Person"))
        .setRole(new Coding(OBJECT_ROLE, "1", "Patient"));
  }

  private static AuditEventAction action(RestOperationTypeEnum operation) {
    if (operation == null) {
      return AuditEventAction.E;
    }
    return switch (operation) {
      case CREATE -> AuditEventAction.C;
      case READ, VREAD, HISTORY_INSTANCE -> AuditEventAction.R;
      case UPDATE, PATCH -> AuditEventAction.U;
      case DELETE -> AuditEventAction.D;
      default -> AuditEventAction.E;
    };
  }

  private static String interaction(RestOperationTypeEnum operation) {
    if (operation == null) {
      return "operation";
    }
    return switch (operation) {
      case EXTENDED_OPERATION_INSTANCE, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_SERVER -> "operation";
      case METADATA -> "capabilities";
      case GET_PAGE -> "search-type";
      default -> operation.getCode();
    };
  }

  private static String profile(AuditEventAction action, Optional<SmartGrant> grant) {
    String kind = switch (action) {
      case C -> "Create";
      case R -> "Read";
      case U -> "Update";
      case D -> "Delete";
      default -> "Query";
    };
    return grant.map(SmartGrant::patient).isPresent() ? "Patient" + kind : kind;
  }
}
