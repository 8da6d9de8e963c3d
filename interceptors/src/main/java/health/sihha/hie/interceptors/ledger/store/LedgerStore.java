package health.sihha.hie.interceptors.ledger.store;

import health.sihha.hie.interceptors.ledger.EntryKey;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.merkle.NodeId;
import health.sihha.hie.interceptors.ledger.merkle.NodeReader;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a ledger node keeps its log: entries, their leaf hashes, the hashes of complete subtrees and the signed tree
 * heads. Append-only: nothing is ever updated or deleted, so every row can be written once inside the caller's
 * transaction. The log ({@code ledger.log.LedgerLog}) does all hashing and signing; a store only keeps and reads.
 *
 * <p>A relational implementation (in HAPI's database, in the same JDBC/Hibernate transaction as the resource
 * version it anchors) needs four append-only tables:
 *
 * <ul>
 *   <li>{@code ledger_entry(leaf_index bigint primary key, kind smallint, resource_type, logical_id, version_id,
 *       hash binary(32), time_ms bigint, leaf_hash binary(32))}, unique on {@code (kind, resource_type, logical_id,
 *       version_id)};
 *   <li>{@code ledger_node(level smallint, node_index bigint, hash binary(32), primary key (level, node_index))} for
 *       the inner subtrees (about one row per entry in all);
 *   <li>{@code ledger_tree_head(tree_size bigint primary key, node_id, timestamp_ms bigint, root binary(32),
 *       signature binary(64))}.
 * </ul>
 *
 * <p>The primary keys make a second concurrent writer fail instead of forking the log; its transaction rolls back and
 * the log reloads its frontier before the next append. {@link #readNodes} takes all the subtrees of one proof at
 * once ({@code where (level, node_index) in (...)}), so a proof costs one query, whatever the log's size.
 */
public interface LedgerStore extends NodeReader {

  /** The number of entries (leaves). */
  long size();

  /**
   * Writes {@code batch}, all or nothing. Fails (and writes nothing) unless {@code batch.firstIndex()} is the
   * current size, every entry's key is new and every node is the next one of its level.
   */
  void append(AppendBatch batch);

  /** The entries at leaf indexes {@code [from, to)}, in order. */
  List<LedgerEntry> readEntries(long from, long to);

  /** The leaf hashes of {@code [from, to)}, in order. */
  List<Hash> readLeafHashes(long from, long to);

  /**
   * The hashes of complete subtrees, in the order asked; level 0 are leaf hashes. Every id must be a subtree the
   * store holds.
   */
  List<Hash> readNodes(List<NodeId> ids);

  @Override
  default List<Hash> read(List<NodeId> ids) {
    return readNodes(ids);
  }

  /** The head of the largest tree signed, if any. */
  Optional<SignedTreeHead> latestTreeHead();

  /** The head signed for a tree of exactly {@code treeSize} entries, if one was. */
  Optional<SignedTreeHead> treeHead(long treeSize);

  /** The heads signed for sizes in {@code [fromSize, toSize]}, by size. */
  List<SignedTreeHead> treeHeads(long fromSize, long toSize);

  /** The leaf index of the entry for {@code key}, if there is one. */
  OptionalLong indexOf(EntryKey key);
}
