package health.sihha.hie.ministry.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.ministry.MinistryProperties;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Applies a provider's notification to the national store, idempotently.
 *
 * <ul>
 *   <li>the resource is stored under {@link NationalIds national id} with its references rewritten the same way;
 *   <li>it is stamped with its source ({@link SourceStamp});
 *   <li>a version of the resource that is not newer than the stored one (a redelivery, or an older version arriving
 *       late) changes nothing;
 *   <li>references to resources not yet delivered become placeholders, replaced when the target arrives;
 *   <li>a patient's opt-out of the ministry withdraws that patient's data and keeps out what follows
 *       ({@link OptOutWithdrawal}).
 * </ul>
 */
@Service
public class IngestionService {

  private static final Logger log = LoggerFactory.getLogger(IngestionService.class);

  /** Concurrent deliveries may race to create the same placeholder; the loser retries. */
  private static final int ATTEMPTS = 5;

  private final MinistryProperties ministry;
  private final DaoRegistry daos;
  private final ReferenceRewriter references;
  private final MeterRegistry meters;
  private final OptOutWithdrawal optOuts;
  private final List<IngestionListener> listeners;

  IngestionService(MinistryProperties ministry, DaoRegistry daos, FhirContext fhirContext, MeterRegistry meters,
      OptOutWithdrawal optOuts, List<IngestionListener> listeners) {
    this.ministry = ministry;
    this.daos = daos;
    this.references = new ReferenceRewriter(fhirContext);
    this.meters = meters;
    this.optOuts = optOuts;
    this.listeners = List.copyOf(listeners);
  }

  /** Stores what {@code providerId} sent for {@code sourceId}; returns the national resource's outcome. */
  public MethodOutcome store(String providerId, IIdType sourceId, IBaseResource resource) {
    RegisteredProvider provider = registered(providerId);
    Resource national = (Resource) resource;
    String version = national.getMeta().getVersionId();
    IIdType source = new IdType(sourceId.getResourceType(), sourceId.getIdPart(),
        version != null ? version : sourceId.getVersionIdPart());
    national.setId(new IdType(source.getResourceType(), NationalIds.of(provider.id(), source.getIdPart())));
    references.toNational(national, provider.id(), provider.fhirBase().toString());
    SourceStamp.stamp(national, provider, source);
    if (optOuts.isWithheld(provider.id(), national)) {
      count(provider.id(), source.getResourceType(), "withheld");
      log.debug("{} {} from {} not stored: its patient opted out", source.getResourceType(), source.getIdPart(),
          provider.id());
      return new MethodOutcome(national.getIdElement(), false);
    }
    Set<String> optingOut = national instanceof Consent consent ? optOuts.optingOut(consent) : Set.of();
    optingOut.forEach(patient -> OptOutWithdrawal.requireOwnPatient(provider.id(), patient));
    MethodOutcome outcome = withRetries(() -> storeOnce(provider, source, national.copy()));
    optingOut.forEach(patient -> optOuts.withdraw(provider.id(), patient));
    return outcome;
  }

  /** Deletes the national copy of a resource the provider deleted; deleting what is not there is a no-op. */
  public MethodOutcome remove(String providerId, IIdType sourceId) {
    RegisteredProvider provider = registered(providerId);
    IIdType nationalId = new IdType(sourceId.getResourceType(), NationalIds.of(provider.id(), sourceId.getIdPart()));
    IFhirResourceDao<IBaseResource> dao = daos.getResourceDao(nationalId.getResourceType());
    MethodOutcome outcome = withRetries(() -> dao.delete(nationalId, new SystemRequestDetails()));
    listeners.forEach(listener -> listener.removed(provider, nationalId));
    count(provider.id(), nationalId.getResourceType(), "deleted");
    return outcome;
  }

  private MethodOutcome storeOnce(RegisteredProvider provider, IIdType source, Resource national) {
    IIdType nationalId = national.getIdElement();
    IFhirResourceDao<IBaseResource> dao = daos.getResourceDao(nationalId.getResourceType());
    SystemRequestDetails system = new SystemRequestDetails();
    Optional<IBaseResource> stored = readIfPresent(dao, nationalId, system);
    if (stored.isPresent() && alreadyHas(stored.get(), provider.id(), source)) {
      count(provider.id(), nationalId.getResourceType(), "unchanged");
      return new MethodOutcome(stored.get().getIdElement(), false);
    }
    MethodOutcome outcome = dao.update(national, system);
    listeners.forEach(listener -> listener.stored(provider, national));
    count(provider.id(), nationalId.getResourceType(), stored.isPresent() ? "updated" : "created");
    log.debug("{} {} from {} stored as {}", source.getResourceType(), source.getIdPart(), provider.id(),
        outcome.getId().getValue());
    return outcome;
  }

  private static boolean alreadyHas(IBaseResource stored, String providerId, IIdType source) {
    OptionalLong storedVersion = SourceStamp.sourceVersion((Resource) stored, providerId);
    if (storedVersion.isEmpty() || !source.hasVersionIdPart() || !source.isVersionIdPartValidLong()) {
      return false;
    }
    return source.getVersionIdPartAsLong() <= storedVersion.getAsLong();
  }

  private static Optional<IBaseResource> readIfPresent(IFhirResourceDao<IBaseResource> dao, IIdType id,
      SystemRequestDetails system) {
    try {
      return Optional.of(dao.read(id, system));
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      return Optional.empty();
    }
  }

  private RegisteredProvider registered(String providerId) {
    if (providerId == null || providerId.isBlank()) {
      throw new InvalidRequestException(Codes.of(1102)
          + "the ingestion URL must name the provider: <ministry>/ingest/<provider-id>/<type>/<id>");
    }
    return ministry.provider(providerId).orElseThrow(() -> new ForbiddenOperationException(
        Codes.of(1103) + "provider '" + providerId + "' is not registered at the ministry"));
  }

  private static MethodOutcome withRetries(Supplier<MethodOutcome> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (ResourceVersionConflictException conflict) {
        if (attempt == ATTEMPTS) {
          throw conflict;
        }
        log.debug("write conflict, attempt {} of {}: {}", attempt, ATTEMPTS, conflict.getMessage());
      }
    }
  }

  private void count(String providerId, String type, String outcome) {
    meters.counter("sihha.ingest.resources", "provider", providerId, "type", type, "outcome", outcome).increment();
  }
}
