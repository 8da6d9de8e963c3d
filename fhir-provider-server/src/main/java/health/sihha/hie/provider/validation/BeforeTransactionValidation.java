package health.sihha.hie.provider.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.provider.validation.ProfileValidationInterceptor.Stage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Validates what a request writes before HAPI opens the write's database transaction, the entries of a transaction
 * side by side on the validation threads. Inside the transaction the validator would hold the database's locks (on
 * H2, every other writer) for as long as it runs, and a transaction's entries would be checked one after the other.
 * A resource validated here is marked on the request, and {@link ProfileValidationInterceptor} does not check it
 * again at storage; whatever is not validated here (a batch's entries, a write by the server itself) is validated
 * there, so every stored resource is checked exactly once. Values the server derives ({@link DerivedValues}) are
 * filled in first, so the validator sees what will be stored.
 *
 * <p>A transaction is refused, with the outcome the check at storage would give, for its first entry that does not
 * conform, in the order of the Bundle.
 */
@Interceptor(order = HieOrder.PROFILE_VALIDATION)
public final class BeforeTransactionValidation implements AutoCloseable {

  private static final String VALIDATED = BeforeTransactionValidation.class.getName() + ".validated";

  private final ProfileValidationInterceptor profiles;
  private final List<DerivedValues> derivedValues;
  private final ExecutorService validationThreads;

  BeforeTransactionValidation(ProfileValidationInterceptor profiles, List<DerivedValues> derivedValues,
      ExecutorService validationThreads) {
    this.profiles = profiles;
    this.derivedValues = List.copyOf(derivedValues);
    this.validationThreads = validationThreads;
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void beforeTransaction(RequestDetails request, RestOperationTypeEnum operation) {
    List<IBaseResource> writes = PendingWrites.of(request, operation);
    if (writes.isEmpty()) {
      return;
    }
    for (IBaseResource write : writes) {
      derivedValues.forEach(values -> values.fillIn(write));
    }
    if (writes.size() == 1) {
      profiles.validate(writes.get(0), Stage.BEFORE_TRANSACTION);
    } else {
      validateSideBySide(writes);
    }
    validatedOn(request).addAll(writes);
  }

  private void validateSideBySide(List<IBaseResource> writes) {
    List<CompletableFuture<Void>> checks = new ArrayList<>(writes.size());
    for (IBaseResource write : writes) {
      checks.add(CompletableFuture.runAsync(() -> profiles.validate(write, Stage.BEFORE_TRANSACTION),
          validationThreads));
    }
    for (CompletableFuture<Void> check : checks) {
      try {
        check.join();
      } catch (CompletionException failed) {
        if (failed.getCause() instanceof RuntimeException refusal) {
          throw refusal;
        }
        throw failed;
      }
    }
  }

  @Override
  public void close() {
    validationThreads.shutdownNow();
  }

  /** Whether this resource, as the request carries it, was validated before the transaction. */
  static boolean validatedBefore(RequestDetails request, Object resource) {
    return request != null && request.getUserData().get(VALIDATED) instanceof Set<?> validated
        && validated.contains(resource);
  }

  @SuppressWarnings("unchecked")
  private static Set<Object> validatedOn(RequestDetails request) {
    return (Set<Object>) request.getUserData()
        .computeIfAbsent(VALIDATED, key -> Collections.newSetFromMap(new IdentityHashMap<>()));
  }
}
