package health.sihha.hie.ministry.cpabe.rewrap;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.IDao;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.client.SealedResources;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the epoch of each sealed version in the {@link EnvelopeIndex}, in the transaction that stores it (HAPI
 * puts the database id on the resource before the pre-commit hooks).
 */
@Interceptor
final class EnvelopeIndexInterceptor {

  private static final Logger LOG = LoggerFactory.getLogger(EnvelopeIndexInterceptor.class);

  private final EnvelopeIndex index;

  EnvelopeIndexInterceptor(EnvelopeIndex index) {
    this.index = requireNonNull(index);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void created(IBaseResource resource) {
    record(resource);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource resource) {
    record(resource);
  }

  private void record(IBaseResource stored) {
    if (!(stored instanceof Resource resource) || !SealedResources.isSealed(resource)) {
      return;
    }
    JpaPid pid = IDao.RESOURCE_PID.get(resource);
    if (pid == null) {
      LOG.warn("{} is sealed but carries no database id: not indexed, the re-wrap job will not find it",
          resource.getIdElement().getValue());
      return;
    }
    long epoch = CpAbe.inspect(SealedResources.envelope(resource)).epoch();
    index.record(pid.getId(), resource.getIdElement().getVersionIdPartAsLong(), resource.fhirType(), epoch);
  }
}
