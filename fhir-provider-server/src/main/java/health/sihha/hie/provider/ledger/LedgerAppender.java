package health.sihha.hie.provider.ledger;

import static health.sihha.hie.provider.ledger.LedgerSchema.QUEUE;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.ledger.EntryKey;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.canonical.ResourceHasher;
import health.sihha.hie.interceptors.ledger.log.LedgerLog;
import health.sihha.hie.interceptors.ledger.log.TreeHeadAnchor;
import health.sihha.hie.interceptors.ledger.store.LedgerStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The background task that empties the version queue into the ledger: a batch of queued versions is appended under
 * one signed tree head (those queued without their entry are read back and hashed first, salted canonical form), and
 * its queue rows deleted, all in one transaction. A failure rolls the batch back to the queue for the next run; it
 * never reaches a clinical write.
 * After the batches committed, the latest head goes to each {@link TreeHeadAnchor} (a Fabric channel with profile
 * {@code fabric}) with its consistency proof; an anchor that refuses or cannot be reached is tried again at the next
 * run, from the head it holds.
 */
final class LedgerAppender {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerAppender.class);

  /** A queued version, with its entry when it was hashed at write time. */
  private record Queued(long seq, EntryKey key, LedgerEntry entry) {}

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final LedgerLog log;
  private final LedgerStore store;
  private final StoredVersions versions;
  private final ResourceHasher hasher;
  private final int batchSize;
  private final List<TreeHeadAnchor> anchors;

  LedgerAppender(JdbcTemplate jdbc, TransactionTemplate transactions, LedgerLog log, LedgerStore store,
      StoredVersions versions, ResourceHasher hasher, int batchSize, List<TreeHeadAnchor> anchors) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.log = log;
    this.store = store;
    this.versions = versions;
    this.hasher = hasher;
    this.batchSize = batchSize;
    this.anchors = List.copyOf(anchors);
  }

  /** Appends batches until the queue holds less than a full one. */
  void drain() {
    try {
      Integer taken;
      do {
        taken = transactions.execute(status -> appendBatch());
      } while (taken != null && taken >= batchSize);
    } catch (RuntimeException e) {
      LOG.warn("ledger append failed; the queued versions are retried at the next run", e);
    }
    for (TreeHeadAnchor anchor : anchors) {
      try {
        log.anchorTo(anchor);
      } catch (RuntimeException e) {
        LOG.warn("tree head not anchored at {} now; retried at the next run: {}", anchor, e.getMessage());
      }
    }
  }

  private int appendBatch() {
    List<Queued> queued = jdbc.query("SELECT SEQ, RESOURCE_TYPE, LOGICAL_ID, VERSION_ID, HASH, TIME_MS FROM " + QUEUE
        + " ORDER BY SEQ FETCH FIRST " + batchSize + " ROWS ONLY", (rs, n) -> {
          EntryKey key = StoredVersions.key(rs.getString(2), rs.getString(3), rs.getString(4));
          String hash = rs.getString(5);
          return new Queued(rs.getLong(1), key,
              hash == null ? null : new LedgerEntry(key, Hash.fromHex(hash), Instant.ofEpochMilli(rs.getLong(6))));
        });
    if (queued.isEmpty()) {
      return 0;
    }
    List<LedgerEntry> entries = new ArrayList<>(queued.size());
    Set<EntryKey> keys = new HashSet<>();
    for (Queued next : queued) {
      if (keys.add(next.key()) && store.indexOf(next.key()).isEmpty()) {
        if (next.entry() != null) {
          entries.add(next.entry());
          continue;
        }
        try {
          entries.add(hasher.entry(next.key().kind(), versions.read(next.key())));
        } catch (ResourceNotFoundException e) {
          LOG.warn("{} was expunged before it was anchored: it cannot enter the ledger", next.key());
        } catch (BaseServerResponseException e) {
          // one version that cannot be hashed must not hold back every later one: it is left out, loudly
          LOG.error("{} cannot be anchored and is left out of the ledger", next.key(), e);
        }
      }
    }
    if (!entries.isEmpty()) {
      log.appendBatch(entries);
    }
    jdbc.batchUpdate("DELETE FROM " + QUEUE + " WHERE SEQ = ?",
        queued.stream().map(q -> new Object[] {q.seq()}).toList());
    return queued.size();
  }
}
