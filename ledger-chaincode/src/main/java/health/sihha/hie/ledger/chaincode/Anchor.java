package health.sihha.hie.ledger.chaincode;

import java.util.regex.Pattern;
import org.json.JSONObject;

/**
 * One batch root of a ledger node as anchored on the channel: the node's signed tree head after its batch
 * {@code batch}, and when the channel accepted it. Only hashes and a signature, never health data.
 *
 * @param nodeId the ledger node, 1-128 of {@code A-Z a-z 0-9 . _ : -}
 * @param batch the node's batch number, from 1, without gaps
 * @param rootHash the tree's root, 64 lower-case hex digits
 * @param treeSize the number of entries under the root
 * @param signedAt the tree head's timestamp, milliseconds since the epoch
 * @param signature the node's Ed25519 signature over the tree head, standard base64
 * @param anchoredAt the anchoring transaction's timestamp, milliseconds since the epoch
 */
public record Anchor(String nodeId, long batch, String rootHash, long treeSize, long signedAt, String signature,
    long anchoredAt) {

  private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,128}");
  private static final Pattern ROOT = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{86}==");

  public Anchor {
    check(nodeId != null && NODE_ID.matcher(nodeId).matches(), "invalid node id: " + nodeId);
    check(batch >= 1, "batch numbers start at 1, not " + batch);
    check(rootHash != null && ROOT.matcher(rootHash).matches(), "the root is 64 lower-case hex digits");
    check(treeSize >= 0, "a tree size is at least 0, not " + treeSize);
    check(signature != null && BASE64.matcher(signature).matches(), "the signature is 64 bytes in base64");
  }

  private static void check(boolean valid, String message) {
    if (!valid) {
      throw new AnchorRejectedException(message);
    }
  }

  /** The same tree head (ignoring when it was anchored). */
  public boolean sameHead(Anchor other) {
    return nodeId.equals(other.nodeId) && batch == other.batch && rootHash.equals(other.rootHash)
        && treeSize == other.treeSize && signedAt == other.signedAt && signature.equals(other.signature);
  }

  /** JSON with the fields in a fixed order, so that every endorsing peer writes the same bytes. */
  public String toJson() {
    return "{\"nodeId\":" + JSONObject.quote(nodeId) + ",\"batch\":" + batch + ",\"rootHash\":\"" + rootHash
        + "\",\"treeSize\":" + treeSize + ",\"signedAt\":" + signedAt + ",\"signature\":\"" + signature
        + "\",\"anchoredAt\":" + anchoredAt + "}";
  }

  public static Anchor fromJson(String json) {
    JSONObject o = new JSONObject(json);
    return new Anchor(o.getString("nodeId"), o.getLong("batch"), o.getString("rootHash"), o.getLong("treeSize"),
        o.getLong("signedAt"), o.getString("signature"), o.getLong("anchoredAt"));
  }
}
