package health.sihha.hie.ledger.chaincode;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The Sihha ledger anchors on a Fabric channel: each ledger node submits its signed tree head per batch, and
 * auditors query them. The rules are {@link AnchorBook}'s; a refused anchor fails endorsement with its reason.
 */
@Contract(name = "SihhaLedgerAnchors",
    info = @Info(title = "Sihha ledger anchors", description = "Batch roots of the ledger nodes, append only",
        version = "1"))
@Default
public final class AnchorContract implements ContractInterface {

  /** Anchors the node's batch root; returns the anchor as JSON. */
  @Transaction(intent = Transaction.TYPE.SUBMIT)
  public String anchor(Context ctx, String nodeId, long batch, String rootHash, long treeSize, long signedAt,
      String signature) {
    ChaincodeStub stub = ctx.getStub();
    try {
      return book(stub).anchor(new Anchor(nodeId, batch, rootHash, treeSize, signedAt, signature,
          stub.getTxTimestamp().toEpochMilli())).toJson();
    } catch (AnchorRejectedException e) {
      throw new ChaincodeException(e.getMessage(), "REJECTED");
    }
  }

  /** The node's latest anchor as JSON, or "" when it has none. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String latest(Context ctx, String nodeId) {
    return book(ctx.getStub()).latest(nodeId).map(Anchor::toJson).orElse("");
  }

  /** The node's anchor of a batch as JSON. */
  @Transaction(intent = Transaction.TYPE.EVALUATE)
  public String anchorOf(Context ctx, String nodeId, long batch) {
    return book(ctx.getStub()).at(nodeId, batch).map(Anchor::toJson)
        .orElseThrow(() -> new ChaincodeException("no anchor of batch " + batch + " of " + nodeId, "NOT_FOUND"));
  }

  private static AnchorBook book(ChaincodeStub stub) {
    return new AnchorBook(new AnchorBook.State() {
      @Override
      public String get(String key) {
        return stub.getStringState(key);
      }

      @Override
      public void put(String key, String value) {
        stub.putStringState(key, value);
      }
    });
  }
}
