package health.sihha.hie.interceptors.ledger.verify;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.merkle.InclusionProof;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;

/**
 * What a node hands an auditor for one resource version or AuditEvent: its entry, the entry's inclusion proof and
 * the signed tree head the proof leads to. {@link EvidenceJson} is its file form.
 *
 * @param entry the anchored entry
 * @param proof the entry's inclusion proof in the tree of {@code treeHead}
 * @param treeHead the node's signed tree head
 */
public record LedgerEvidence(LedgerEntry entry, InclusionProof proof, SignedTreeHead treeHead) {

  public LedgerEvidence {
    requireNonNull(entry);
    requireNonNull(proof);
    requireNonNull(treeHead);
  }
}
