package health.sihha.hie.ministry.cpabe.keys;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.sihha.hie.interceptors.cpabe.scheme.PublicParameters;
import health.sihha.hie.interceptors.cpabe.scheme.Wire;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import health.sihha.hie.ministry.cpabe.keys.KeyDelivery.DeliveredKey;
import health.sihha.hie.ministry.cpabe.rewrap.RewrapJob;
import health.sihha.hie.ministry.cpabe.rewrap.RewrapStatus;
import java.util.Date;
import java.util.Set;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** The attribute authority's operations on the national store's base ({@code /fhir/$cpabe-...}). */
public final class KeyOperations {

  public static final String PUBLIC_PARAMETERS = "$cpabe-public-parameters";
  public static final String USER_KEY = "$cpabe-user-key";
  public static final String ADVANCE_EPOCH = "$cpabe-advance-epoch";
  public static final String REWRAP_STATUS = "$cpabe-rewrap-status";

  /** The operations invoked with POST on the otherwise read-only store: they change keys, never resources. */
  public static final Set<String> POSTS = Set.of(USER_KEY, ADVANCE_EPOCH);
  /** The operations of the key administrators (realm role {@code key-admin}), who need no reader role. */
  public static final Set<String> KEY_ADMIN = Set.of(ADVANCE_EPOCH, REWRAP_STATUS);

  private final AttributeAuthority authority;
  private final KeyDelivery delivery;
  private final EpochAdministration epochs;
  private final RewrapJob rewrap;

  KeyOperations(AttributeAuthority authority, KeyDelivery delivery, EpochAdministration epochs, RewrapJob rewrap) {
    this.authority = requireNonNull(authority);
    this.delivery = requireNonNull(delivery);
    this.epochs = requireNonNull(epochs);
    this.rewrap = requireNonNull(rewrap);
  }

  @Operation(name = PUBLIC_PARAMETERS, idempotent = true)
  public Parameters publicParameters() {
    PublicParameters parameters = authority.publicParameters();
    Parameters result = new Parameters();
    result.addParameter().setName("scheme").setValue(new CodeType("FABEO"));
    result.addParameter().setName("schemeId").setValue(new IntegerType(Wire.SCHEME_FABEO));
    result.addParameter().setName("curve").setValue(new CodeType("BLS12-381"));
    result.addParameter().setName("curveId").setValue(new IntegerType(Wire.CURVE_BLS12_381));
    result.addParameter().setName("formatVersion").setValue(new IntegerType(Wire.FORMAT_VERSION));
    result.addParameter().setName("setupId").setValue(new StringType(parameters.setupIdHex()));
    result.addParameter().setName("epoch").setValue(new StringType(Long.toString(authority.epoch())));
    result.addParameter().setName("publicParameters").setValue(new Base64BinaryType(parameters.toBytes()));
    return result;
  }

  @Operation(name = USER_KEY)
  public Parameters userKey(@OperationParam(name = "clientKey", min = 1, max = 1) Base64BinaryType clientKey,
      RequestDetails request) {
    DeliveredKey key = delivery.deliver(request, clientKey == null ? null : clientKey.getValue());
    Parameters result = new Parameters();
    result.addParameter().setName("subject").setValue(new StringType(key.subject()));
    result.addParameter().setName("epoch").setValue(new StringType(Long.toString(key.epoch())));
    key.attributes().stream().sorted()
        .forEach(attribute -> result.addParameter().setName("attribute").setValue(new StringType(attribute)));
    result.addParameter().setName("clientKeyFingerprint").setValue(new StringType(key.clientKeyFingerprint()));
    result.addParameter().setName("wrappedKey").setValue(new Base64BinaryType(key.wrappedKey()));
    return result;
  }

  @Operation(name = ADVANCE_EPOCH)
  public Parameters advanceEpoch(RequestDetails request) {
    long epoch = epochs.advance(request);
    Parameters result = new Parameters();
    result.addParameter().setName("epoch").setValue(new StringType(Long.toString(epoch)));
    rewrap.status().ifPresent(status -> describe(result, status));
    return result;
  }

  @Operation(name = REWRAP_STATUS, idempotent = true)
  public Parameters rewrapStatus() {
    Parameters result = new Parameters();
    result.addParameter().setName("currentEpoch").setValue(new StringType(Long.toString(authority.epoch())));
    rewrap.status().ifPresent(status -> describe(result, status));
    return result;
  }

  private static void describe(Parameters result, RewrapStatus status) {
    Parameters.ParametersParameterComponent job = result.addParameter().setName("rewrap");
    job.addPart().setName("epoch").setValue(new StringType(Long.toString(status.epoch())));
    job.addPart().setName("state").setValue(new CodeType(status.state()));
    if (status.rules() != null) {
      job.addPart().setName("rules").setValue(new StringType(status.rules()));
    }
    job.addPart().setName("cursor").setValue(new StringType(Long.toString(status.cursor())));
    job.addPart().setName("rewrapped").setValue(new StringType(Long.toString(status.rewrapped())));
    job.addPart().setName("failed").setValue(new StringType(Long.toString(status.failed())));
    job.addPart().setName("startedAt").setValue(new DateTimeType(Date.from(status.startedAt())));
    job.addPart().setName("updatedAt").setValue(new DateTimeType(Date.from(status.updatedAt())));
    if (status.lastError() != null) {
      job.addPart().setName("lastError").setValue(new StringType(status.lastError()));
    }
  }
}
