package health.sihha.hie.server.security;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.api.svc.ResolveIdentityMode;
import ca.uhn.fhir.jpa.model.cross.IResourceLookup;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.audit.AuditSink;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;

/**
 * Stores AuditEvents in the server's own FHIR store, as the server itself ({@link SystemRequestDetails}: no token,
 * no scope check), in the caller's transaction when there is one (a write's pre-commit hooks), else in one of their
 * own.
 *
 * <p>Two things are adjusted first, so that the store's rules on write accept the event: a profile the server does
 * not hold (the IHE BALP profiles the events declare) is dropped from {@code meta.profile}, as the server cannot
 * check it; and a reference to a resource the server does not hold (the user's {@code fhirUser} Practitioner at
 * another facility, a requested id that does not exist) becomes the reference's display text, as a store that
 * enforces referential integrity refuses it. A failure propagates, with the store's reasons in its message: to
 * {@code DenialAuditInterceptor}, which logs it and never lets it change the response, and to the provider's audit
 * trail, which fails the request.
 */
public final class StoredAuditSink implements AuditSink {

  private final DaoRegistry daos;
  private final IValidationSupport profiles;
  private final IIdHelperService<JpaPid> ids;
  private final HeldResources held;

  public StoredAuditSink(DaoRegistry daos, IValidationSupport profiles, IIdHelperService<JpaPid> ids,
      HeldResources held) {
    this.daos = requireNonNull(daos);
    this.profiles = requireNonNull(profiles);
    this.ids = requireNonNull(ids);
    this.held = requireNonNull(held);
  }

  @Override
  public void write(AuditEvent event) {
    event.getMeta().getProfile().removeIf(profile -> profiles.fetchStructureDefinition(profile.getValue()) == null);
    TransactionDetails resolved = new TransactionDetails();
    Stream.concat(event.getAgent().stream().map(AuditEvent.AuditEventAgentComponent::getWho),
        event.getEntity().stream().map(AuditEvent.AuditEventEntityComponent::getWhat))
        .filter(Reference::hasReference)
        .forEach(reference -> {
          IIdType id = reference.getReferenceElement();
          Optional<JpaPid> pid = heldAs(id);
          if (pid.isPresent()) {
            resolved.addResolvedResourceId(id, pid.get());
          } else {
            reference.setDisplay(reference.getReference()).setReference(null);
          }
        });
    try {
      daos.getResourceDao(AuditEvent.class).create(event, null, true, new SystemRequestDetails(), resolved);
    } catch (BaseServerResponseException e) {
      throw new InternalErrorException(Codes.of(1050) + "the AuditEvent was not stored: " + reasons(e), e);
    }
  }

  /** The storage id of a resource this server holds and has not deleted, which HAPI then links the event to. */
  private Optional<JpaPid> heldAs(IIdType id) {
    if (!id.hasResourceType() || !id.hasIdPart() || id.isAbsolute()
        || !daos.isResourceTypeSupported(id.getResourceType())) {
      return Optional.empty();
    }
    return held.heldAs(id, this::lookUp);
  }

  private Optional<JpaPid> lookUp(IIdType id) {
    try {
      IResourceLookup<JpaPid> lookup = ids.resolveResourceIdentity(RequestPartitionId.allPartitions(),
          id.getResourceType(), id.getIdPart(), ResolveIdentityMode.includeDeleted().noCacheUnlessDeletesDisabled());
      return lookup.getDeleted() == null ? Optional.of(lookup.getPersistentId()) : Optional.empty();
    } catch (ResourceNotFoundException missing) {
      return Optional.empty();
    }
  }

  private static String reasons(BaseServerResponseException e) {
    if (e.getOperationOutcome() instanceof OperationOutcome outcome && outcome.hasIssue()) {
      return outcome.getIssue().stream().map(OperationOutcome.OperationOutcomeIssueComponent::getDiagnostics)
          .collect(Collectors.joining("; "));
    }
    return e.getMessage();
  }
}
