package health.sihha.hie.ledger.fabric;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.log.TreeHeadAnchor;
import health.sihha.hie.interceptors.ledger.merkle.ConsistencyProof;
import health.sihha.hie.interceptors.ledger.merkle.MerkleVerifier;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import io.grpc.Status;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hyperledger.fabric.client.CommitException;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.GatewayException;

/**
 * Anchors a ledger node's signed tree heads on a Fabric channel through the {@code ledger-chaincode}, one batch
 * number per head. The chaincode keeps each node's anchors append only; this side refuses to submit a head whose
 * consistency proof does not extend the head anchored last, so a node that rewrote its log cannot anchor again.
 */
public final class FabricAnchor implements TreeHeadAnchor {

  private final Contract contract;
  private final String nodeId;

  public FabricAnchor(Contract contract, String nodeId) {
    this.contract = requireNonNull(contract);
    this.nodeId = requireNonNull(nodeId);
  }

  @Override
  public Optional<SignedTreeHead> latestAnchored() {
    return latest().map(AnchorJson::head);
  }

  /** The node's latest anchor on the channel, with its batch number. */
  public Optional<AnchorJson> latest() {
    byte[] json = call("query the latest anchor of " + nodeId, () -> contract.evaluateTransaction("latest", nodeId));
    return json.length == 0 ? Optional.empty() : Optional.of(AnchorJson.parse(json));
  }

  @Override
  public void anchor(SignedTreeHead newer, ConsistencyProof fromLatestAnchored) {
    if (!newer.nodeId().equals(nodeId)) {
      throw new PreconditionFailedException(Codes.of(1602) + "this anchor is for " + nodeId + ", not " + newer);
    }
    Optional<AnchorJson> latest = latest();
    latest.ifPresent(anchored -> checkExtends(anchored.head(), newer, fromLatestAnchored));
    long batch = latest.map(a -> a.batch() + 1).orElse(1L);
    call("anchor " + newer + " as batch " + batch, () -> contract.submitTransaction("anchor", nodeId,
        Long.toString(batch), newer.rootHash().toHex(), Long.toString(newer.treeSize()),
        Long.toString(newer.timestamp().toEpochMilli()), newer.signatureBase64()));
  }

  private static void checkExtends(SignedTreeHead anchored, SignedTreeHead newer, ConsistencyProof proof) {
    boolean sizes = proof.firstSize() == anchored.treeSize() && proof.secondSize() == newer.treeSize();
    if (!sizes || !MerkleVerifier.verifyConsistency(proof, anchored.rootHash(), newer.rootHash())) {
      throw new PreconditionFailedException(Codes.of(1603) + newer + " does not extend the head anchored on the "
          + "channel, " + anchored + ": the log was rewritten since");
    }
  }

  private interface GatewayCall {
    byte[] run() throws GatewayException, CommitException;
  }

  // a refusal by the chaincode (ABORTED, or a transaction the channel invalidated) is the anchor refusing the head;
  // anything else is the gateway failing, and the caller may retry later
  private static byte[] call(String what, GatewayCall call) {
    try {
      return call.run();
    } catch (CommitException e) {
      throw new PreconditionFailedException(Codes.of(1604) + "the Fabric channel refused to " + what + ": "
          + e.getCode() + ", " + e.getMessage());
    } catch (GatewayException e) {
      String details = e.getDetails().stream().map(d -> d.getMspId() + " " + d.getMessage())
          .collect(Collectors.joining("; "));
      String reason = details.isEmpty() ? e.getMessage() : e.getMessage() + " (" + details + ")";
      if (e.getStatus().getCode() == Status.Code.ABORTED) {
        throw new PreconditionFailedException(Codes.of(1604) + "the Fabric channel refused to " + what + ": "
            + reason);
      }
      throw new InternalErrorException(Codes.of(1605) + "the Fabric gateway failed to " + what + ": " + reason, e);
    }
  }
}
