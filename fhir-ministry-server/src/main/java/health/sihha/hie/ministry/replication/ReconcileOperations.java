package health.sihha.hie.ministry.replication;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.ministry.MinistryProperties;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;

/**
 * At the national store: {@code POST $reconcile?provider=<id>[&type=<Type>...]} reconciles now (every ingested type
 * when no type is named) and answers the result; {@code GET $reconcile-status} shows the last result of each provider
 * and type and the event numbers still missing. Restricted by {@link OperatorAuthorization}.
 */
final class ReconcileOperations {

  static final String RECONCILE = "$reconcile";
  static final String STATUS = "$reconcile-status";

  private final MinistryProperties ministry;
  private final Reconciliation reconciliation;
  private final GapRepair gaps;

  ReconcileOperations(MinistryProperties ministry, Reconciliation reconciliation, GapRepair gaps) {
    this.ministry = requireNonNull(ministry);
    this.reconciliation = requireNonNull(reconciliation);
    this.gaps = requireNonNull(gaps);
  }

  @Operation(name = RECONCILE, idempotent = false)
  public Parameters reconcile(
      @OperationParam(name = "provider", min = 1, max = 1) StringType providerId,
      @OperationParam(name = "type") List<CodeType> types) {
    RegisteredProvider provider = ministry.provider(providerId.getValue()).orElseThrow(() ->
        new InvalidRequestException(Codes.of(1123) + "provider '" + providerId.getValue() + "' is not registered"));
    List<String> named = types == null || types.isEmpty() ? ministry.ingestedTypes()
        : types.stream().map(CodeType::getValue).toList();
    named.stream().filter(type -> !ministry.ingestedTypes().contains(type)).findFirst().ifPresent(type -> {
      throw new InvalidRequestException(Codes.of(1119) + type + " is not aggregated by the ministry");
    });
    Parameters answer = new Parameters();
    reconciliation.reconcile(provider, named).forEach(result -> add(answer, result));
    return answer;
  }

  @Operation(name = STATUS, idempotent = true)
  public Parameters status() {
    Parameters answer = new Parameters();
    reconciliation.lastResults().forEach(result -> add(answer, result));
    for (RegisteredProvider provider : ministry.providers()) {
      for (long[] gap : gaps.gaps(provider.id())) {
        ParametersParameterComponent missing = answer.addParameter().setName("missing-events");
        missing.addPart().setName("provider").setValue(new StringType(provider.id()));
        missing.addPart().setName("from").setValue(new StringType(Long.toString(gap[0])));
        missing.addPart().setName("to").setValue(new StringType(Long.toString(gap[1])));
      }
    }
    return answer;
  }

  private static void add(Parameters answer, ReconcileResult result) {
    ParametersParameterComponent part = answer.addParameter().setName("reconciliation");
    part.addPart().setName("provider").setValue(new StringType(result.provider()));
    part.addPart().setName("type").setValue(new CodeType(result.type()));
    part.addPart().setName("started").setValue(new InstantType(java.util.Date.from(result.started())));
    part.addPart().setName("at-provider").setValue(new IntegerType(result.atProvider()));
    part.addPart().setName("missing").setValue(new IntegerType(result.missing()));
    part.addPart().setName("outdated").setValue(new IntegerType(result.outdated()));
    part.addPart().setName("removed").setValue(new IntegerType(result.removed()));
    part.addPart().setName("failed").setValue(new IntegerType(result.failed()));
    part.addPart().setName("altered").setValue(new IntegerType(result.altered()));
    result.alteredVersions().forEach(version -> part.addPart().setName("altered-version")
        .setValue(new StringType(version)));
    if (result.error() != null) {
      part.addPart().setName("error").setValue(new StringType(result.error()));
    }
  }
}
