package health.sihha.hie.provider.ledger;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import health.sihha.hie.interceptors.ledger.EntryKey;
import health.sihha.hie.interceptors.ledger.EntryKind;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/** Reads resource versions as HAPI stores them, tombstones included: what is hashed when anchoring and verifying. */
final class StoredVersions {

  private final DaoRegistry daos;

  StoredVersions(DaoRegistry daos) {
    this.daos = daos;
  }

  /** The key of a version. */
  static EntryKey key(String type, String id, String version) {
    return new EntryKey(kind(type), type, id, version);
  }

  /** AuditEvents are anchored as such, every other resource as a resource version. */
  static EntryKind kind(String type) {
    return "AuditEvent".equals(type) ? EntryKind.AUDIT_EVENT : EntryKind.RESOURCE_VERSION;
  }

  IBaseResource read(EntryKey key) {
    IFhirResourceDao<?> dao = daos.getResourceDao(key.resourceType());
    return dao.read(new IdType(key.resourceType(), key.logicalId(), key.versionId()), new SystemRequestDetails(), true);
  }

  /** The current version id of {@code type/id}, deleted or not. */
  String currentVersion(String type, String id) {
    return daos.getResourceDao(type).read(new IdType(type, id), new SystemRequestDetails(), true).getIdElement()
        .getVersionIdPart();
  }
}
