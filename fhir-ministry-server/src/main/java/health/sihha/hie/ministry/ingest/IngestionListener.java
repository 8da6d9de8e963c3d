package health.sihha.hie.ministry.ingest;

import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Told about each change applied to the national store, inside the transaction that applies it, so that what it
 * derives (patient links, indexes) commits or rolls back with the change itself.
 */
public interface IngestionListener {

  /** {@code national} (national id, references rewritten, source stamped) was stored for {@code provider}. */
  void stored(RegisteredProvider provider, Resource national);

  /** The national copy {@code nationalId} was deleted because {@code provider} deleted its source. */
  void removed(RegisteredProvider provider, IIdType nationalId);
}
