package health.sihha.hie.interceptors.ledger.store;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.EntryKey;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.merkle.NodeId;
import health.sihha.hie.interceptors.ledger.merkle.TreeNode;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link LedgerStore} in memory, for tests, benchmarks and a node that anchors elsewhere: entries kept in their
 * binary encoding, hashes in packed columns (one per tree level). Thread-safe.
 */
public final class InMemoryLedgerStore implements LedgerStore {

  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final List<byte[]> entries = new ArrayList<>();
  private final List<HashColumn> levels = new ArrayList<>(List.of(new HashColumn()));
  private final Map<EntryKey, Long> index = new HashMap<>();
  private final TreeMap<Long, SignedTreeHead> heads = new TreeMap<>();

  @Override
  public long size() {
    lock.readLock().lock();
    try {
      return entries.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void append(AppendBatch batch) {
    lock.writeLock().lock();
    try {
      check(batch);
      long at = batch.firstIndex();
      for (int i = 0; i < batch.entries().size(); i++) {
        LedgerEntry entry = batch.entries().get(i);
        entries.add(entry.encode());
        levels.get(0).add(batch.leafHashes().get(i));
        index.put(entry.key(), at + i);
      }
      for (TreeNode node : batch.nodes()) {
        while (levels.size() <= node.id().level()) {
          levels.add(new HashColumn());
        }
        levels.get(node.id().level()).add(node.hash());
      }
      heads.put(batch.treeHead().treeSize(), batch.treeHead());
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Everything a database's keys would refuse, checked before anything is written. */
  private void check(AppendBatch batch) {
    if (batch.firstIndex() != entries.size()) {
      throw new ResourceVersionConflictException(Codes.of(1474) + "the ledger has " + entries.size()
          + " entries; an append from index " + batch.firstIndex() + " was made on a stale view");
    }
    if (heads.containsKey(batch.treeHead().treeSize())) {
      throw new ResourceVersionConflictException(
          Codes.of(1474) + "a tree head of size " + batch.treeHead().treeSize() + " is already stored");
    }
    Set<EntryKey> keys = new HashSet<>();
    for (LedgerEntry entry : batch.entries()) {
      if (index.containsKey(entry.key()) || !keys.add(entry.key())) {
        throw new InvalidRequestException(Codes.of(1475) + "the ledger already holds " + entry.key());
      }
    }
    Map<Integer, Long> next = new HashMap<>();
    for (TreeNode node : batch.nodes()) {
      int level = node.id().level();
      long expected = next.computeIfAbsent(level, l -> l < levels.size() ? levels.get(l).size() : 0L);
      if (node.id().index() != expected) {
        throw new ResourceVersionConflictException(
            Codes.of(1474) + "subtree " + node.id() + " is not the next of its level (" + expected + ")");
      }
      next.put(level, expected + 1);
    }
  }

  @Override
  public List<LedgerEntry> readEntries(long from, long to) {
    lock.readLock().lock();
    try {
      checkRange(from, to);
      List<LedgerEntry> read = new ArrayList<>((int) (to - from));
      for (long i = from; i < to; i++) {
        read.add(LedgerEntry.decode(entries.get((int) i)));
      }
      return read;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<Hash> readLeafHashes(long from, long to) {
    lock.readLock().lock();
    try {
      checkRange(from, to);
      List<Hash> read = new ArrayList<>((int) (to - from));
      for (long i = from; i < to; i++) {
        read.add(levels.get(0).get(i));
      }
      return read;
    } finally {
      lock.readLock().unlock();
    }
  }

  private void checkRange(long from, long to) {
    if (from < 0 || to < from || to > entries.size()) {
      throw new InvalidRequestException(
          Codes.of(1476) + "no entries [" + from + ", " + to + ") in a ledger of " + entries.size());
    }
  }

  @Override
  public List<Hash> readNodes(List<NodeId> ids) {
    lock.readLock().lock();
    try {
      List<Hash> read = new ArrayList<>(ids.size());
      for (NodeId id : ids) {
        if (id.level() >= levels.size() || id.index() >= levels.get(id.level()).size()) {
          throw new InvalidRequestException(Codes.of(1476) + "the ledger holds no complete subtree " + id);
        }
        read.add(levels.get(id.level()).get(id.index()));
      }
      return read;
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<SignedTreeHead> latestTreeHead() {
    lock.readLock().lock();
    try {
      return heads.isEmpty() ? Optional.empty() : Optional.of(heads.lastEntry().getValue());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Optional<SignedTreeHead> treeHead(long treeSize) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(heads.get(treeSize));
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public List<SignedTreeHead> treeHeads(long fromSize, long toSize) {
    lock.readLock().lock();
    try {
      return fromSize > toSize ? List.of() : List.copyOf(heads.subMap(fromSize, true, toSize, true).values());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public OptionalLong indexOf(EntryKey key) {
    lock.readLock().lock();
    try {
      Long at = index.get(key);
      return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    } finally {
      lock.readLock().unlock();
    }
  }
}
