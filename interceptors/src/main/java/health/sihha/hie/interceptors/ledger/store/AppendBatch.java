package health.sihha.hie.interceptors.ledger.store;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.merkle.TreeNode;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import java.util.List;

/**
 * What one append writes, all or nothing: the entries at leaf indexes {@code firstIndex...}, their leaf hashes, the
 * inner subtrees (level 1 and up) they complete, and the tree head signed over the new size.
 *
 * @param firstIndex the leaf index of the first entry: the store's size before the append
 * @param entries the entries, in leaf order
 * @param leafHashes RFC 9162 leaf hashes of the entries' encodings, in the same order
 * @param nodes the inner subtrees completed, each once, lowest level first within each leaf
 * @param treeHead the signed head of the log after the append
 */
public record AppendBatch(
    long firstIndex, List<LedgerEntry> entries, List<Hash> leafHashes, List<TreeNode> nodes,
    SignedTreeHead treeHead) {

  public AppendBatch {
    entries = List.copyOf(entries);
    leafHashes = List.copyOf(leafHashes);
    nodes = List.copyOf(nodes);
    requireNonNull(treeHead);
    if (entries.size() != leafHashes.size() || treeHead.treeSize() != firstIndex + entries.size()) {
      throw new InvalidRequestException(Codes.of(1473) + "an append batch of " + entries.size() + " entries and "
          + leafHashes.size() + " leaf hashes from index " + firstIndex + " cannot end at size "
          + treeHead.treeSize());
    }
    for (TreeNode node : nodes) {
      if (node.id().level() == 0) {
        throw new InvalidRequestException(Codes.of(1473) + "leaf hashes are not inner nodes: " + node.id());
      }
    }
  }
}
