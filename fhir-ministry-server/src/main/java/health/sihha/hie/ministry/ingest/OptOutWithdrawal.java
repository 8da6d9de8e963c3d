package health.sihha.hie.ministry.ingest;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeSearchParam;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DeleteConflictList;
import ca.uhn.fhir.jpa.api.model.ExpungeOptions;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.jpa.delete.DeleteConflictUtil;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.consent.ConsentDirectives;
import health.sihha.hie.interceptors.consent.PatientCompartment;
import health.sihha.hie.ministry.MinistryProperties;
import health.sihha.hie.server.consent.StoredConsents;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A patient's opt-out of sharing with the ministry ({@link ConsentDirectives#optingOutOfMinistry}), delivered by the
 * provider like any other resource, withdraws what the national store holds of that patient from that provider and
 * keeps out what is still on its way.
 *
 * <p>The withdrawal is one database transaction: every resource of the provider in the patient's compartment (the
 * FHIR compartment definition, searched per ingested type) is deleted and its earlier versions expunged, so neither a
 * read nor {@code _history} returns the data; the Patient itself becomes an empty record (its id and source tag),
 * its earlier versions expunged too, because the opt-out Consent, which stays, refers to it. A failure rolls all of it
 * back and the delivery of the Consent fails, so the provider delivers it again. Consents are never withdrawn: they
 * are the patient's instructions.
 *
 * <p>While the opt-out is active, a resource of that patient from that provider is not stored (a delivery that was
 * already under way, or a redelivery); deletes still go. When the patient opts back in (the Consent is no longer
 * active), new writes at the provider arrive again; what was withdrawn is not sent again.
 */
@Component
public final class OptOutWithdrawal {

  private static final Logger LOG = LoggerFactory.getLogger(OptOutWithdrawal.class);

  private final FhirContext fhirContext;
  private final DaoRegistry daos;
  private final IHapiTransactionService transactions;
  private final StoredConsents consents;
  private final List<String> ingestedTypes;

  OptOutWithdrawal(FhirContext fhirContext, DaoRegistry daos, IHapiTransactionService transactions,
      MinistryProperties ministry) {
    this.fhirContext = requireNonNull(fhirContext);
    this.daos = requireNonNull(daos);
    this.transactions = requireNonNull(transactions);
    this.consents = new StoredConsents(daos);
    this.ingestedTypes = List.copyOf(ministry.ingestedTypes());
  }

  /** The national patients {@code consent} opts out for; empty when it is no active opt-out of the ministry. */
  Set<String> optingOut(Consent consent) {
    Set<String> patients = new LinkedHashSet<>();
    ConsentDirectives.optingOutOfMinistry(List.of(consent), new Date()).forEach(d -> patients.add(d.patient()));
    return patients;
  }

  /** Whether the national patient {@code patientId} opted out of sharing with the ministry at {@code providerId}. */
  public boolean hasOptedOut(String providerId, String patientId) {
    return optedOut(providerId, Set.of(patientId));
  }

  private boolean optedOut(String providerId, Set<String> patients) {
    List<Consent> fromProvider = consents.active(patients).stream()
        .filter(c -> c.getMeta().getTag(SourceStamp.SYSTEM, providerId) != null).toList();
    return !ConsentDirectives.optingOutOfMinistry(fromProvider, new Date()).isEmpty();
  }

  /** Opt-out decisions for deliveries from {@code providerId}, for one transaction. */
  Decisions decisions(String providerId) {
    return new Decisions(providerId);
  }

  /**
   * Whether resources from one provider belong to a patient who opted out there, decided once per patient within
   * one transaction: the transaction holds the lock of each patient's ingestion row (every resource refers to its
   * patients, so applying it locks them), and a Consent of that patient, the only thing that changes the decision,
   * is applied under the same lock. A Consent applied in the transaction itself calls {@link #forget}.
   */
  final class Decisions {

    private final String providerId;
    private final Map<Set<String>, Boolean> withheld = new HashMap<>();

    private Decisions(String providerId) {
      this.providerId = providerId;
    }

    boolean isWithheld(Resource national) {
      if (national instanceof Consent) {
        return false;
      }
      Set<String> patients = PatientCompartment.patientsOf(fhirContext, national);
      if (patients.isEmpty()) {
        return false;
      }
      return withheld.computeIfAbsent(Set.copyOf(patients), each -> optedOut(providerId, each));
    }

    void forget() {
      withheld.clear();
    }
  }

  /**
   * Refuses an opt-out of {@code providerId} for a national patient of another source: a provider withdraws only its
   * own records.
   */
  static void requireOwnPatient(String providerId, String patientId) {
    if (!NationalIds.isOf(providerId, patientId)) {
      throw new UnprocessableEntityException(Codes.of(1105) + "a Consent from " + providerId
          + " may only concern that provider's own patients, not Patient/" + patientId);
    }
  }

  /** Withdraws everything {@code providerId} delivered of the national patient {@code patientId}, but its Consents. */
  void withdraw(String providerId, String patientId) {
    requireOwnPatient(providerId, patientId);
    int withdrawn = transactions.withSystemRequest().execute(() -> withdrawInTransaction(providerId, patientId));
    LOG.info("Patient/{} opted out of the ministry: {} resources from {} withdrawn", patientId, withdrawn,
        providerId);
  }

  private int withdrawInTransaction(String providerId, String patientId) {
    SystemRequestDetails system = new SystemRequestDetails();
    Map<String, IIdType> compartment = compartmentOf(providerId, patientId, system);
    DeleteConflictList conflicts = new DeleteConflictList();
    compartment.values().forEach(conflicts::setResourceIdMarkedForDeletion);
    TransactionDetails details = new TransactionDetails();
    for (IIdType id : compartment.values()) {
      daos.getResourceDao(id.getResourceType()).delete(id, conflicts, system, details);
    }
    DeleteConflictUtil.validateDeleteConflictsEmptyOrThrowException(fhirContext, conflicts);
    List<IIdType> expunged = new ArrayList<>(compartment.values());
    emptyPatient(providerId, patientId, system).ifPresent(expunged::add);
    ExpungeOptions earlierVersions = new ExpungeOptions().setExpungeOldVersions(true);
    for (IIdType id : expunged) {
      daos.getResourceDao(id.getResourceType()).forceExpungeInExistingTransaction(id, earlierVersions, system);
    }
    return compartment.size();
  }

  /** The provider's resources in the patient's compartment, by id; Patients and Consents are not among them. */
  private Map<String, IIdType> compartmentOf(String providerId, String patientId, SystemRequestDetails system) {
    Map<String, IIdType> found = new LinkedHashMap<>();
    for (String type : ingestedTypes) {
      if ("Patient".equals(type) || "Consent".equals(type)) {
        continue;
      }
      IFhirResourceDao<IBaseResource> dao = daos.getResourceDao(type);
      for (RuntimeSearchParam param :
          fhirContext.getResourceDefinition(type).getSearchParamsForCompartmentName("Patient")) {
        SearchParameterMap search = SearchParameterMap.newSynchronous(param.getName(),
            new ReferenceParam("Patient/" + patientId));
        search.add(Constants.PARAM_TAG, new TokenParam(SourceStamp.SYSTEM, providerId));
        for (IBaseResource resource : dao.searchForResources(search, system)) {
          IIdType id = resource.getIdElement().toUnqualifiedVersionless();
          found.put(id.getValue(), id);
        }
      }
    }
    return found;
  }

  /** Replaces the national Patient, when held, by its id and source tag alone. */
  private Optional<IIdType> emptyPatient(String providerId, String patientId, SystemRequestDetails system) {
    IFhirResourceDao<Patient> patients = daos.getResourceDao(Patient.class);
    IdType id = new IdType("Patient", patientId);
    Patient held;
    try {
      held = patients.read(id, system);
    } catch (ResourceNotFoundException | ResourceGoneException absent) {
      return Optional.empty();
    }
    Patient empty = new Patient();
    empty.setId(id);
    empty.getMeta().setSource(held.getMeta().getSource());
    empty.getMeta().getTag().addAll(held.getMeta().getTag().stream()
        .filter(tag -> SourceStamp.SYSTEM.equals(tag.getSystem()) && providerId.equals(tag.getCode())).toList());
    patients.update(empty, system);
    return Optional.of(id);
  }
}
