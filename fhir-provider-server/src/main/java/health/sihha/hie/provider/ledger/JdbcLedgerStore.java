package health.sihha.hie.provider.ledger;

import static health.sihha.hie.provider.ledger.LedgerSchema.ENTRY;
import static health.sihha.hie.provider.ledger.LedgerSchema.NODE;
import static health.sihha.hie.provider.ledger.LedgerSchema.TREE_HEAD;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.EntryKey;
import health.sihha.hie.interceptors.ledger.EntryKind;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.merkle.NodeId;
import health.sihha.hie.interceptors.ledger.merkle.TreeNode;
import health.sihha.hie.interceptors.ledger.store.AppendBatch;
import health.sihha.hie.interceptors.ledger.store.LedgerStore;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger in the provider's own database, on HAPI's DataSource: an append joins the caller's transaction, and the
 * tables' keys refuse a second writer's stale append (see {@link LedgerStore}).
 */
final class JdbcLedgerStore implements LedgerStore {

  private final JdbcTemplate jdbc;

  JdbcLedgerStore(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** One past the highest leaf: a deleted entry row in the middle leaves the size alone, for the audit to find. */
  @Override
  public long size() {
    Long max = jdbc.queryForObject("SELECT MAX(LEAF_INDEX) FROM " + ENTRY, Long.class);
    return max == null ? 0 : max + 1;
  }

  @Override
  public void append(AppendBatch batch) {
    long size = size();
    if (batch.firstIndex() != size) {
      throw new ResourceVersionConflictException(Codes.of(1590) + "the ledger has " + size
          + " entries; an append from index " + batch.firstIndex() + " was made on a stale view");
    }
    checkNextNodes(batch.nodes());
    List<Object[]> entries = new ArrayList<>();
    List<Object[]> nodes = new ArrayList<>();
    for (int i = 0; i < batch.entries().size(); i++) {
      LedgerEntry entry = batch.entries().get(i);
      EntryKey key = entry.key();
      long leaf = batch.firstIndex() + i;
      entries.add(new Object[] {leaf, key.kind().code(), key.resourceType(), key.logicalId(), key.versionId(),
          entry.hash().toHex(), entry.time().toEpochMilli()});
      nodes.add(new Object[] {0, leaf, batch.leafHashes().get(i).toHex()});
    }
    for (TreeNode node : batch.nodes()) {
      nodes.add(new Object[] {node.id().level(), node.id().index(), node.hash().toHex()});
    }
    jdbc.batchUpdate("INSERT INTO " + ENTRY + " (LEAF_INDEX, KIND, RESOURCE_TYPE, LOGICAL_ID, VERSION_ID, HASH,"
        + " TIME_MS) VALUES (?, ?, ?, ?, ?, ?, ?)", entries);
    jdbc.batchUpdate("INSERT INTO " + NODE + " (TREE_LEVEL, NODE_INDEX, HASH) VALUES (?, ?, ?)", nodes);
    SignedTreeHead head = batch.treeHead();
    jdbc.update("INSERT INTO " + TREE_HEAD + " (TREE_SIZE, NODE_ID, TIMESTAMP_MS, ROOT_HASH, SIGNATURE)"
        + " VALUES (?, ?, ?, ?, ?)", head.treeSize(), head.nodeId(), head.timestamp().toEpochMilli(),
        head.rootHash().toHex(), head.signatureBase64());
  }

  /** Inner subtrees are written in order: a gap would mean the batch was computed on another frontier. */
  private void checkNextNodes(List<TreeNode> nodes) {
    Map<Integer, Long> next = new HashMap<>();
    for (TreeNode node : nodes) {
      int level = node.id().level();
      long expected = next.computeIfAbsent(level, l -> {
        Long max = jdbc.queryForObject("SELECT MAX(NODE_INDEX) FROM " + NODE + " WHERE TREE_LEVEL = ?", Long.class,
            l);
        return max == null ? 0L : max + 1;
      });
      if (node.id().index() != expected) {
        throw new ResourceVersionConflictException(
            Codes.of(1590) + "subtree " + node.id() + " is not the next of its level (" + expected + ")");
      }
      next.put(level, expected + 1);
    }
  }

  @Override
  public List<LedgerEntry> readEntries(long from, long to) {
    List<LedgerEntry> entries = jdbc.query("SELECT KIND, RESOURCE_TYPE, LOGICAL_ID, VERSION_ID, HASH, TIME_MS FROM "
        + ENTRY + " WHERE LEAF_INDEX >= ? AND LEAF_INDEX < ? ORDER BY LEAF_INDEX", (rs, n) -> entry(rs), from, to);
    if (entries.size() != to - from) {
      throw new InternalErrorException(Codes.of(1591) + "the ledger holds " + entries.size() + " entries in ["
          + from + ", " + to + "), not " + (to - from) + ": entry rows were removed");
    }
    return entries;
  }

  private static LedgerEntry entry(ResultSet rs) throws SQLException {
    return LedgerEntry.of(EntryKind.ofCode(rs.getInt(1)), rs.getString(2), rs.getString(3), rs.getString(4),
        Hash.fromHex(rs.getString(5)), Instant.ofEpochMilli(rs.getLong(6)));
  }

  @Override
  public List<Hash> readLeafHashes(long from, long to) {
    List<Hash> hashes = jdbc.query("SELECT HASH FROM " + NODE + " WHERE TREE_LEVEL = 0 AND NODE_INDEX >= ?"
        + " AND NODE_INDEX < ? ORDER BY NODE_INDEX", (rs, n) -> Hash.fromHex(rs.getString(1)), from, to);
    if (hashes.size() != to - from) {
      throw new InternalErrorException(Codes.of(1591) + "the ledger holds " + hashes.size() + " leaf hashes in ["
          + from + ", " + to + "), not " + (to - from));
    }
    return hashes;
  }

  /** All the subtrees of one proof in one query. */
  @Override
  public List<Hash> readNodes(List<NodeId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    StringBuilder sql = new StringBuilder("SELECT TREE_LEVEL, NODE_INDEX, HASH FROM " + NODE + " WHERE ");
    Object[] args = new Object[ids.size() * 2];
    for (int i = 0; i < ids.size(); i++) {
      sql.append(i == 0 ? "" : " OR ").append("(TREE_LEVEL = ? AND NODE_INDEX = ?)");
      args[2 * i] = ids.get(i).level();
      args[2 * i + 1] = ids.get(i).index();
    }
    Map<NodeId, Hash> found = new HashMap<>();
    jdbc.query(sql.toString(), rs -> {
      found.put(new NodeId(rs.getInt(1), rs.getLong(2)), Hash.fromHex(rs.getString(3)));
    }, args);
    List<Hash> hashes = new ArrayList<>(ids.size());
    for (NodeId id : ids) {
      Hash hash = found.get(id);
      if (hash == null) {
        throw new InternalErrorException(Codes.of(1591) + "the ledger holds no subtree " + id);
      }
      hashes.add(hash);
    }
    return hashes;
  }

  @Override
  public Optional<SignedTreeHead> latestTreeHead() {
    return heads("TREE_SIZE = (SELECT MAX(TREE_SIZE) FROM " + TREE_HEAD + ")").stream().findFirst();
  }

  @Override
  public Optional<SignedTreeHead> treeHead(long treeSize) {
    return heads("TREE_SIZE = ?", treeSize).stream().findFirst();
  }

  @Override
  public List<SignedTreeHead> treeHeads(long fromSize, long toSize) {
    return heads("TREE_SIZE >= ? AND TREE_SIZE <= ?", fromSize, toSize);
  }

  private List<SignedTreeHead> heads(String where, Object... args) {
    TreeMap<Long, SignedTreeHead> heads = new TreeMap<>();
    jdbc.query("SELECT NODE_ID, TREE_SIZE, ROOT_HASH, TIMESTAMP_MS, SIGNATURE FROM " + TREE_HEAD + " WHERE " + where,
        rs -> {
          SignedTreeHead head = new SignedTreeHead(rs.getString(1), rs.getLong(2), Hash.fromHex(rs.getString(3)),
              Instant.ofEpochMilli(rs.getLong(4)), Base64.getDecoder().decode(rs.getString(5)));
          heads.put(head.treeSize(), head);
        }, args);
    return List.copyOf(heads.values());
  }

  @Override
  public OptionalLong indexOf(EntryKey key) {
    List<Long> found = jdbc.queryForList("SELECT LEAF_INDEX FROM " + ENTRY + " WHERE KIND = ? AND RESOURCE_TYPE = ?"
        + " AND LOGICAL_ID = ? AND VERSION_ID = ?", Long.class, key.kind().code(), key.resourceType(),
        key.logicalId(), key.versionId());
    return found.isEmpty() ? OptionalLong.empty() : OptionalLong.of(found.get(0));
  }
}
