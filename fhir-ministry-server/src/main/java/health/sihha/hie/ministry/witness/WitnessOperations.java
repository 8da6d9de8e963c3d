package health.sihha.hie.ministry.witness;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.ministry.MinistryProperties;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import java.util.Date;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;

/**
 * At the national store: {@code GET $ledger-witness} shows, per provider, the ledger head the ministry holds and its
 * latest check; {@code POST $ledger-witness-check?provider=<id>} collects and checks that provider's head now.
 */
final class WitnessOperations {

  static final String STATUS = "$ledger-witness";
  static final String CHECK = "$ledger-witness-check";

  private final MinistryProperties ministry;
  private final LedgerWitness witness;

  WitnessOperations(MinistryProperties ministry, LedgerWitness witness) {
    this.ministry = requireNonNull(ministry);
    this.witness = requireNonNull(witness);
  }

  @Operation(name = STATUS, idempotent = true)
  public Parameters status() {
    Parameters answer = new Parameters();
    witness.witnessed().forEach(witnessed -> add(answer, witnessed));
    return answer;
  }

  @Operation(name = CHECK, idempotent = false)
  public Parameters check(@OperationParam(name = "provider", min = 1, max = 1) StringType providerId) {
    String id = providerId == null ? null : providerId.getValue();
    RegisteredProvider provider = ministry.provider(id).orElseThrow(() ->
        new InvalidRequestException(Codes.of(1150) + "provider '" + id + "' is not registered at the ministry"));
    Parameters answer = new Parameters();
    add(answer, witness.witness(provider));
    return answer;
  }

  private static void add(Parameters answer, WitnessedHead witnessed) {
    ParametersParameterComponent part = answer.addParameter().setName("provider");
    part.addPart().setName("id").setValue(new StringType(witnessed.provider()));
    part.addPart().setName("consistent").setValue(new BooleanType(witnessed.consistent()));
    part.addPart().setName("verdict").setValue(new StringType(witnessed.verdict()));
    part.addPart().setName("detail").setValue(new StringType(witnessed.detail()));
    part.addPart().setName("checked").setValue(new InstantType(Date.from(witnessed.checkedAt())));
    if (witnessed.key() != null) {
      part.addPart().setName("keyId").setValue(new StringType(witnessed.key().keyId()));
    }
    SignedTreeHead head = witnessed.head();
    if (head != null) {
      ParametersParameterComponent held = part.addPart().setName("treeHead");
      held.addPart().setName("nodeId").setValue(new StringType(head.nodeId()));
      held.addPart().setName("treeSize").setValue(new IntegerType(Math.toIntExact(head.treeSize())));
      held.addPart().setName("rootHash").setValue(new StringType(head.rootHash().toHex()));
      held.addPart().setName("timestamp").setValue(new InstantType(Date.from(head.timestamp())));
      held.addPart().setName("signature").setValue(new Base64BinaryType(head.signature()));
    }
  }
}
