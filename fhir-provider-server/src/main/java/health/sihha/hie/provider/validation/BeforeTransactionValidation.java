package health.sihha.hie.provider.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.provider.validation.ProfileValidationInterceptor.Stage;
import jakarta.annotation.Nullable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Validates what a request writes before HAPI opens the write's database transaction, the entries of a transaction
 * side by side on the validation threads. Inside the transaction the validator would hold the database's locks (on
 * H2, every other writer) for as long as it runs, and a transaction's entries would be checked one after the other.
 * Each resource's verdict is kept on the request, and {@link ProfileValidationInterceptor} gives it at storage
 * instead of validating again; whatever is not validated here (a batch's entries, a write by the server itself) is
 * validated there, so every stored resource is checked exactly once. Values the server derives
 * ({@link DerivedValues}) are filled in first, so the validator sees what will be stored.
 *
 * <p>A refusal found here is not answered here: at storage, the checks that come before validation (the clinical
 * roles' 403, the terminology replica's coded elements) still answer first, as they would without this early pass.
 */
@Interceptor(order = HieOrder.PROFILE_VALIDATION)
public final class BeforeTransactionValidation implements AutoCloseable {

  private static final String VERDICTS = BeforeTransactionValidation.class.getName() + ".verdicts";

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
    Map<Object, Verdict> verdicts = verdictsOn(request);
    if (writes.size() == 1) {
      verdicts.put(writes.get(0), verdict(writes.get(0)));
    } else {
      List<CompletableFuture<Verdict>> checks = new ArrayList<>(writes.size());
      for (IBaseResource write : writes) {
        checks.add(CompletableFuture.supplyAsync(() -> verdict(write), validationThreads));
      }
      for (int i = 0; i < writes.size(); i++) {
        verdicts.put(writes.get(i), joined(checks.get(i)));
      }
    }
  }

  /** Whether this resource conforms, or its refusal; an error in the validator itself propagates. */
  private Verdict verdict(IBaseResource write) {
    try {
      profiles.validate(write, Stage.BEFORE_TRANSACTION);
      return Verdict.CONFORMS;
    } catch (BaseServerResponseException refusal) {
      return new Verdict(refusal);
    }
  }

  private static <T> T joined(CompletableFuture<T> check) {
    try {
      return check.join();
    } catch (CompletionException failed) {
      if (failed.getCause() instanceof RuntimeException error) {
        throw error;
      }
      throw failed;
    }
  }

  /** What the validator found of one resource before the transaction: nothing, or the refusal to answer at storage. */
  record Verdict(@Nullable BaseServerResponseException refusal) {

    static final Verdict CONFORMS = new Verdict(null);

    /** Answers the refusal, if there is one. */
    void give() {
      if (refusal != null) {
        throw refusal;
      }
    }
  }

  @Override
  public void close() {
    validationThreads.shutdownNow();
  }

  /** The verdict on this resource, as the request carries it, if it was validated before the transaction. */
  static Optional<Verdict> verdictBefore(RequestDetails request, Object resource) {
    return request != null && request.getUserData().get(VERDICTS) instanceof Map<?, ?> verdicts
        && verdicts.containsKey(resource)
        ? Optional.of(verdictsOn(request).get(resource)) : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Verdict> verdictsOn(RequestDetails request) {
    return (Map<Object, Verdict>) request.getUserData()
        .computeIfAbsent(VERDICTS, key -> new IdentityHashMap<>());
  }
}
