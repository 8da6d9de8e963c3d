package health.sihha.hie.interceptors.ledger.log;

import health.sihha.hie.interceptors.ledger.EntryKey;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.merkle.NodeId;
import health.sihha.hie.interceptors.ledger.store.AppendBatch;
import health.sihha.hie.interceptors.ledger.store.LedgerStore;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A store whose rows someone with database access changed in place: reads return the changed rows. */
final class TamperedStore implements LedgerStore {

  private final LedgerStore store;
  final Map<Long, LedgerEntry> entries = new HashMap<>();
  final Map<Long, Hash> leafHashes = new HashMap<>();
  final Map<NodeId, Hash> nodes = new HashMap<>();
  final Map<Long, SignedTreeHead> heads = new HashMap<>();

  TamperedStore(LedgerStore store) {
    this.store = store;
  }

  @Override
  public long size() {
    return store.size();
  }

  @Override
  public void append(AppendBatch batch) {
    store.append(batch);
  }

  @Override
  public List<LedgerEntry> readEntries(long from, long to) {
    List<LedgerEntry> read = new ArrayList<>(store.readEntries(from, to));
    for (long i = from; i < to; i++) {
      read.set((int) (i - from), entries.getOrDefault(i, read.get((int) (i - from))));
    }
    return read;
  }

  @Override
  public List<Hash> readLeafHashes(long from, long to) {
    List<Hash> read = new ArrayList<>(store.readLeafHashes(from, to));
    for (long i = from; i < to; i++) {
      read.set((int) (i - from), leafHashes.getOrDefault(i, read.get((int) (i - from))));
    }
    return read;
  }

  @Override
  public List<Hash> readNodes(List<NodeId> ids) {
    List<Hash> read = new ArrayList<>(store.readNodes(ids));
    for (int i = 0; i < ids.size(); i++) {
      NodeId id = ids.get(i);
      Hash changed = id.level() == 0 ? leafHashes.get(id.index()) : nodes.get(id);
      if (changed != null) {
        read.set(i, changed);
      }
    }
    return read;
  }

  @Override
  public Optional<SignedTreeHead> latestTreeHead() {
    return store.latestTreeHead().map(head -> heads.getOrDefault(head.treeSize(), head));
  }

  @Override
  public Optional<SignedTreeHead> treeHead(long treeSize) {
    return store.treeHead(treeSize).map(head -> heads.getOrDefault(treeSize, head));
  }

  @Override
  public List<SignedTreeHead> treeHeads(long fromSize, long toSize) {
    return store.treeHeads(fromSize, toSize).stream().map(head -> heads.getOrDefault(head.treeSize(), head))
        .toList();
  }

  @Override
  public OptionalLong indexOf(EntryKey key) {
    return store.indexOf(key);
  }
}
