package health.sihha.hie.ministry.ingest;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.api.svc.IIdHelperService;
import ca.uhn.fhir.jpa.api.svc.ResolveIdentityMode;
import ca.uhn.fhir.jpa.model.cross.IResourceLookup;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/**
 * Looks up, in one query, the national resources a group of changes writes or refers to, and hands HAPI the answer
 * as the {@link TransactionDetails} of their writes. Without it HAPI looks each id up again for every write and every
 * reference, and each lookup first flushes the whole session: with many changes in one transaction, the flushes grow
 * with every change written before them.
 *
 * <p>A resource found and not deleted is given with its storage id; one not found is marked absent, so HAPI creates
 * it (or its placeholder) without asking again. A deleted one is left to HAPI's own lookup, which knows what a
 * deletion means for a write and for a reference. The answer holds only until something is deleted in the
 * transaction: the caller then {@linkplain TransactionDetails#clearResolvedItems() clears} it.
 */
@Component
class NationalIdLookup {

  private final IIdHelperService<JpaPid> ids;

  NationalIdLookup(IIdHelperService<JpaPid> ids) {
    this.ids = requireNonNull(ids);
  }

  TransactionDetails resolve(Collection<SourceKey> sources) {
    List<IIdType> national = sources.stream()
        .<IIdType>map(key -> new IdType(key.type(), NationalIds.of(key.provider(), key.id()))).toList();
    Map<String, IResourceLookup<JpaPid>> found = new HashMap<>();
    ids.resolveResourceIdentities(RequestPartitionId.allPartitions(), national,
            ResolveIdentityMode.includeDeleted().noCacheUnlessDeletesDisabled())
        .values().forEach(lookup -> found.put(lookup.getResourceType() + "/" + lookup.getFhirId(), lookup));
    TransactionDetails details = new TransactionDetails();
    for (IIdType id : national) {
      IResourceLookup<JpaPid> lookup = found.get(id.getValue());
      if (lookup == null) {
        details.addResolvedResourceId(id, null);
      } else if (lookup.getDeleted() == null) {
        details.addResolvedResourceId(id, lookup.getPersistentId());
      }
    }
    return details;
  }
}
