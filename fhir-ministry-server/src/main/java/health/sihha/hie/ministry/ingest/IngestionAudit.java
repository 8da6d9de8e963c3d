package health.sihha.hie.ministry.ingest;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.capability.ServerIdentity;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import health.sihha.hie.ministry.ingest.IngestionState.Held;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * The ministry's audit of ingestion: one AuditEvent per apply transaction, written in that transaction (an audit
 * that cannot be stored fails the apply, and the provider sends the events again). Ingestion runs as the server
 * itself ({@code SystemRequestDetails}), which HAPI's BALP hooks skip, so it is audited here, whether or not the
 * national store's own requests are. The event is a DICOM Import: the provider as the source, the ministry as the
 * observer, and one entity per national resource changed, naming the provider's version it came from and the hashes
 * it came with (the salted one is what the provider's ledger anchors for it).
 */
@Component
public class IngestionAudit {

  /** Where a provider's identifier lives in these events' agents. */
  public static final String PROVIDER_SYSTEM = "https://sihha.health/fhir/provider";

  private static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
  private static final String ENTITY_TYPE = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
  private static final String OBJECT_ROLE = "http://terminology.hl7.org/CodeSystem/object-role";
  private static final String LIFECYCLE = "http://terminology.hl7.org/CodeSystem/dicom-audit-lifecycle";

  private final DaoRegistry daos;
  private final String serverId;

  IngestionAudit(DaoRegistry daos, ServerIdentity identity) {
    this.daos = requireNonNull(daos);
    this.serverId = identity.id();
  }

  /**
   * One national resource changed by an apply.
   *
   * @param nationalId the national copy, with the version the apply gave it when it has one
   * @param applied what the apply did
   * @param received the provider's version applied, and its hashes
   * @param source the provider's URL of that version
   */
  record Imported(IIdType nationalId, Applied applied, Held received, String source) {}

  /**
   * Stores, in the current transaction, the AuditEvent of {@code imported}, from {@code provider}; {@code resolved}
   * is what the transaction's writes know of the ids it names ({@link NationalIdLookup}).
   */
  void record(RegisteredProvider provider, List<Imported> imported, TransactionDetails resolved) {
    AuditEvent event = new AuditEvent();
    event.setType(new Coding(DICOM, "110107", "Import"));
    event.setAction(AuditEventAction.C);
    event.setRecorded(new Date());
    event.setOutcome(AuditEventOutcome._0);
    event.setOutcomeDesc(imported.size() + " resources from " + provider.id() + " applied to the national store");
    event.addAgent(new AuditEventAgentComponent().setRequestor(true)
        .setType(new CodeableConcept(new Coding(DICOM, "110153", "Source Role ID")))
        .setWho(new Reference().setIdentifier(new Identifier().setSystem(PROVIDER_SYSTEM).setValue(provider.id()))
            .setDisplay(provider.name())));
    event.addAgent(new AuditEventAgentComponent().setRequestor(false)
        .setType(new CodeableConcept(new Coding(DICOM, "110152", "Destination Role ID")))
        .setWho(new Reference().setDisplay(serverId)));
    event.getSource().setSite(serverId).setObserver(new Reference().setDisplay(serverId));
    imported.forEach(one -> event.addEntity(entity(one)));
    try {
      daos.getResourceDao(AuditEvent.class).create(event, null, true, new SystemRequestDetails(), resolved);
    } catch (BaseServerResponseException e) {
      throw new InternalErrorException(Codes.of(1050) + "the ingestion's AuditEvent was not stored: "
          + e.getMessage(), e);
    }
  }

  private static AuditEventEntityComponent entity(Imported imported) {
    Held received = imported.received();
    // a deleted resource is named, not referred to: a reference to it would be refused on write
    Reference what = imported.applied() == Applied.DELETED
        ? new Reference().setDisplay(imported.nationalId().toUnqualifiedVersionless().getValue())
        : new Reference(imported.nationalId().toUnqualified().getValue());
    AuditEventEntityComponent entity = new AuditEventEntityComponent()
        .setWhat(what)
        .setType(new Coding(ENTITY_TYPE, "2", "System Object"))
        .setRole(new Coding(OBJECT_ROLE, "4", "Domain Resource"))
        .setLifecycle(imported.applied() == Applied.DELETED ? new Coding(LIFECYCLE, "14", "Logical deletion")
            : new Coding(LIFECYCLE, "1", "Origination / Creation"))
        .setDescription(imported.applied().tag());
    entity.addDetail().setType("source").setValue(new StringType(imported.source()));
    if (received.contentHash() != null) {
      entity.addDetail().setType("content-hash")
          .setValue(new StringType(received.contentHash().toHex()));
    }
    if (received.ledgerHash() != null) {
      entity.addDetail().setType("ledger-hash")
          .setValue(new StringType(received.ledgerHash().toHex()));
    }
    return entity;
  }
}
