package health.sihha.hie.ministry.cpabe.keys;

import health.sihha.hie.interceptors.security.SmartGrant;
import jakarta.annotation.Nullable;
import java.util.Date;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;

/**
 * AuditEvents of the attribute authority (a REST operation, after IHE BALP's basic shape): who asked (user and
 * client), this server, and what was done, without any key material: the epoch, the attributes and the fingerprint
 * of the client key a user key was wrapped to.
 */
final class KeyAuditEvents {

  private static final String AUDIT_EVENT_TYPE = "http://terminology.hl7.org/CodeSystem/audit-event-type";
  private static final String RESTFUL_INTERACTION = "http://hl7.org/fhir/restful-interaction";
  private static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
  private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
  private static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";

  private KeyAuditEvents() {}

  static AuditEvent userKeyIssued(SmartGrant grant, long epoch, String attributes, String fingerprint,
      String serverId) {
    AuditEvent event = operation(KeyOperations.USER_KEY, grant, serverId, AuditEventAction.E);
    event.setOutcomeDesc("CP-ABE user key of epoch " + epoch + " for " + attributes
        + ", wrapped to the client key with SHA-256 fingerprint " + fingerprint);
    event.addEntity(entity("cpabe-user-key epoch " + epoch, attributes));
    return event;
  }

  static AuditEvent epochAdvanced(@Nullable SmartGrant grant, long from, long to, String serverId) {
    AuditEvent event = operation(KeyOperations.ADVANCE_EPOCH, grant, serverId, AuditEventAction.U);
    event.setOutcomeDesc("CP-ABE key epoch advanced from " + from + " to " + to + "; re-wrap job started");
    event.addEntity(entity("cpabe-key-epoch", "epoch " + from + " -> " + to));
    return event;
  }

  private static AuditEvent operation(String name, @Nullable SmartGrant grant, String serverId,
      AuditEventAction action) {
    AuditEvent event = new AuditEvent();
    event.setType(new Coding(AUDIT_EVENT_TYPE, "rest", "Restful Operation"));
    event.addSubtype(new Coding(RESTFUL_INTERACTION, "operation", name));
    event.setAction(action);
    event.setRecorded(new Date());
    event.setOutcome(AuditEventOutcome._0);
    Reference who = new Reference().setIdentifier(new Identifier().setValue(grant == null ? "anonymous"
        : grant.subject()));
    if (grant != null && grant.fhirUser() != null) {
      who.setReference(grant.fhirUser());
    }
    event.addAgent(new AuditEventAgentComponent().setRequestor(true).setWho(who)
        .setAltId(grant == null ? null : grant.subject()));
    if (grant != null && grant.clientId() != null) {
      event.addAgent(new AuditEventAgentComponent().setRequestor(false)
          .setType(new CodeableConcept(new Coding(DICOM, "110150", "Application")))
          .setWho(new Reference().setIdentifier(new Identifier().setValue(grant.clientId()))
              .setDisplay(grant.clientId())));
    }
    event.getSource().setSite(serverId).setObserver(new Reference().setDisplay(serverId));
    return event;
  }

  private static AuditEventEntityComponent entity(String name, String description) {
    AuditEventEntityComponent entity = new AuditEventEntityComponent()
        .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
        .setRole(new Coding(OBJECT_ROLE, "13", "Security Resource"))
        .setName(name).setDescription(description);
    entity.getWhat().setDisplay(name);
    return entity;
  }
}
