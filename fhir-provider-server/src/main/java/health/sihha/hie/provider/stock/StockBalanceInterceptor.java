package health.sihha.hie.provider.stock;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.sihha.hie.interceptors.HieOrder;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Keeps stock levels in the database transaction of every receipt and dispense. Pre-commit hooks run once
 * {@code urn:uuid} references of a transaction Bundle are resolved and before anything is committed, so a refusal
 * here rolls back the whole write.
 */
@Interceptor(order = HieOrder.CLINICAL_INVARIANTS)
public final class StockBalanceInterceptor {

  private final StockMovements movements;
  private final StockBalances balances;

  StockBalanceInterceptor(StockMovements movements, StockBalances balances) {
    this.movements = movements;
    this.balances = balances;
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
  public void created(IBaseResource resource) {
    apply(null, resource);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
  public void updated(IBaseResource before, IBaseResource after) {
    apply(before, after);
  }

  @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
  public void deleted(IBaseResource resource) {
    apply(resource, null);
  }

  private void apply(IBaseResource before, IBaseResource after) {
    Optional<StockMovement> was = before == null ? Optional.empty() : movements.of(before);
    Optional<StockMovement> is = after == null ? Optional.empty() : movements.of(after);
    if (was.isPresent() || is.isPresent()) {
      balances.apply(was, is);
    }
  }
}
