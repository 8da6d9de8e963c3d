package health.sihha.hie.provider.personnel;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.sihha.hie.interceptors.HieOrder;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps each practitioner's realm account in step with its Practitioner and PractitionerRoles.
 *
 * <p>The account is provisioned before the write commits, inside its transaction: when Keycloak cannot be reached
 * the write fails with 503 and nothing is stored, so no practitioner is on the staff without its account, nor keeps
 * an account it lost. Should the transaction still roll back after the account was changed (a later entry of the
 * same bundle failing), the account is brought back in line with what is stored, off the request's thread.
 */
@Interceptor(order = HieOrder.ACCOUNTS)
public final class StaffAccountInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(StaffAccountInterceptor.class);

  private final StaffRecords records;
  private final KeycloakStaff keycloak;
  private final String facility;
  private final Executor reconciliation;

  StaffAccountInterceptor(StaffRecords records, KeycloakStaff keycloak, String facility, Executor reconciliation) {
    this.records = records;
    this.keycloak = keycloak;
    this.facility = facility;
    this.reconciliation = reconciliation;
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void created(IBaseResource resource) {
    changed(resource, false);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource updated) {
    changed(updated, false);
    if (previous instanceof PractitionerRole before && updated instanceof PractitionerRole after) {
      String from = practitionerOf(before);
      if (from != null && !from.equals(practitionerOf(after))) {
        provision(from, records.practitioner(from), records.rolesOf(from, idOf(after), null));
      }
    }
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
  public void deleted(IBaseResource resource) {
    changed(resource, true);
  }

  private void changed(IBaseResource resource, boolean deleted) {
    if (resource instanceof Practitioner practitioner) {
      String id = idOf(practitioner);
      provision(id, deleted ? null : practitioner, records.rolesOf(id, null, null));
    } else if (resource instanceof PractitionerRole role) {
      String id = practitionerOf(role);
      if (id != null) {
        provision(id, records.practitioner(id), records.rolesOf(id, idOf(role), deleted ? null : role));
      }
    }
  }

  private void provision(String id, Practitioner practitioner, List<PractitionerRole> roles) {
    keycloak.apply(StaffAccount.of(id, practitioner, roles, facility, new Date()));
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCompletion(int status) {
          if (status != STATUS_COMMITTED) {
            reconciliation.execute(() -> reconcile(id));
          }
        }
      });
    }
  }

  private void reconcile(String id) {
    try {
      keycloak.apply(StaffAccount.of(id, records.practitioner(id), records.rolesOf(id, null, null), facility,
          new Date()));
    } catch (RuntimeException e) {
      LOG.error("The account of Practitioner/{} could not be reconciled after a rolled-back write; the next write"
          + " of the practitioner or its roles will: {}", id, e.toString());
    }
  }

  private static String idOf(IBaseResource resource) {
    return resource.getIdElement().getIdPart();
  }

  private static String practitionerOf(PractitionerRole role) {
    IIdType reference = role.getPractitioner().getReferenceElement();
    return reference.hasIdPart() && (!reference.hasResourceType() || "Practitioner".equals(reference.getResourceType()))
        ? reference.getIdPart() : null;
  }
}
