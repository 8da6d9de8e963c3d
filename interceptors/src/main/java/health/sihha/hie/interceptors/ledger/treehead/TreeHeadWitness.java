package health.sihha.hie.interceptors.ledger.treehead;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.interceptors.ledger.merkle.ConsistencyProof;
import health.sihha.hie.interceptors.ledger.merkle.MerkleVerifier;
import jakarta.annotation.Nullable;
import java.util.Optional;

/**
 * Watches one ledger node's signed tree heads: each newer head must be signed by the node and proven, by an RFC 9162
 * consistency proof, to extend the older one. So nothing the node anchored can later be removed or rewritten
 * without a witness noticing: a log that dropped or changed an entry has a different root for the old size, and no
 * consistency proof joins the two heads. Anyone holding an older head can be a witness (the ministry, another
 * provider, an auditor, a Fabric channel). Thread-safe.
 */
public final class TreeHeadWitness {

  /** What a check found. */
  public enum Verdict {
    /** Both heads are the node's, and the newer one extends the older one. */
    CONSISTENT,
    /** The older head's signature is not the node's. */
    OLDER_SIGNATURE_INVALID,
    /** The newer head's signature is not the node's. */
    NEWER_SIGNATURE_INVALID,
    /** A head names another node than the witness watches. */
    OTHER_NODE,
    /** The newer head has fewer entries than the older one: entries were removed. */
    TREE_SHRANK,
    /** The newer head is dated before the older one. */
    TIME_WENT_BACK,
    /** The proof is between other sizes than the two heads'. */
    PROOF_FOR_OTHER_SIZES,
    /** The proof does not join the two roots: the log was rewritten (or the proof is wrong). */
    INCONSISTENT
  }

  /**
   * The outcome of a check.
   *
   * @param verdict what was found
   * @param detail a sentence for a log or an alert
   */
  public record Check(Verdict verdict, String detail) {

    public Check {
      requireNonNull(verdict);
      requireNonNull(detail);
    }

    /** Whether the newer head extends the older one. */
    public boolean consistent() {
      return verdict == Verdict.CONSISTENT;
    }
  }

  private final String nodeId;
  private final LedgerPublicKey key;
  private SignedTreeHead latest;

  /** A witness of node {@code nodeId}, whose tree heads {@code key} verifies. */
  public TreeHeadWitness(String nodeId, LedgerPublicKey key) {
    SignedTreeHead.checkNodeId(nodeId);
    this.nodeId = nodeId;
    this.key = requireNonNull(key);
  }

  /** Whether {@code newer} extends {@code older}, both signed by node {@code nodeId}'s {@code key}. */
  public static Check check(String nodeId, LedgerPublicKey key, SignedTreeHead older, SignedTreeHead newer,
      ConsistencyProof proof) {
    if (!older.nodeId().equals(nodeId) || !newer.nodeId().equals(nodeId)) {
      return new Check(Verdict.OTHER_NODE, "tree heads of " + older.nodeId() + " and " + newer.nodeId()
          + " given to the witness of " + nodeId);
    }
    if (!TreeHeads.verify(older, key)) {
      return new Check(Verdict.OLDER_SIGNATURE_INVALID, "the signature of " + older + " is not the node's");
    }
    if (!TreeHeads.verify(newer, key)) {
      return new Check(Verdict.NEWER_SIGNATURE_INVALID, "the signature of " + newer + " is not the node's");
    }
    if (newer.treeSize() < older.treeSize()) {
      return new Check(Verdict.TREE_SHRANK, "the log shrank from " + older.treeSize() + " to " + newer.treeSize()
          + " entries");
    }
    if (newer.timestamp().isBefore(older.timestamp())) {
      return new Check(Verdict.TIME_WENT_BACK, newer + " is dated before " + older);
    }
    if (proof.firstSize() != older.treeSize() || proof.secondSize() != newer.treeSize()) {
      return new Check(Verdict.PROOF_FOR_OTHER_SIZES, "a proof from " + proof.firstSize() + " to "
          + proof.secondSize() + " given for heads of sizes " + older.treeSize() + " and " + newer.treeSize());
    }
    if (!MerkleVerifier.verifyConsistency(proof, older.rootHash(), newer.rootHash())) {
      return new Check(Verdict.INCONSISTENT, "the log at " + newer.treeSize() + " entries does not extend the log at "
          + older.treeSize() + ": entries were removed or rewritten");
    }
    return new Check(Verdict.CONSISTENT, newer + " extends " + older);
  }

  /**
   * Checks {@code newer} against the latest head this witness accepted and accepts it if it is consistent. The
   * first head is accepted on its signature alone (trust on first use); {@code proofFromLatest} is then ignored.
   */
  public synchronized Check observe(SignedTreeHead newer, @Nullable ConsistencyProof proofFromLatest) {
    Check check;
    if (latest == null) {
      if (!newer.nodeId().equals(nodeId)) {
        check = new Check(Verdict.OTHER_NODE, newer + " given to the witness of " + nodeId);
      } else if (!TreeHeads.verify(newer, key)) {
        check = new Check(Verdict.NEWER_SIGNATURE_INVALID, "the signature of " + newer + " is not the node's");
      } else {
        check = new Check(Verdict.CONSISTENT, "first tree head " + newer);
      }
    } else {
      check = check(nodeId, key, latest, newer, requireNonNull(proofFromLatest));
    }
    if (check.consistent()) {
      latest = newer;
    }
    return check;
  }

  /** The latest head this witness accepted. */
  public synchronized Optional<SignedTreeHead> latest() {
    return Optional.ofNullable(latest);
  }
}
