package health.sihha.bench.ledger;

import health.sihha.hie.interceptors.ledger.EntryKind;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.Sha256;
import health.sihha.hie.interceptors.ledger.log.LedgerLog;
import health.sihha.hie.interceptors.ledger.store.InMemoryLedgerStore;
import health.sihha.hie.interceptors.ledger.treehead.LedgerKeyPair;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Logs and entries for the ledger benchmarks. */
final class BenchLedgers {

  static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

  private BenchLedgers() {}

  /** A log over a fresh in-memory store, signed by a fresh Ed25519 key. */
  static LedgerLog newLog() {
    return LedgerLog.open(new InMemoryLedgerStore(), TreeHeads.signer("bench-node", LedgerKeyPair.generate()),
        Clock.systemUTC());
  }

  /** A distinct resource-version entry for sequence number {@code n}, with a hash as a hasher would give it. */
  static LedgerEntry entry(long n) {
    Hash hash = Sha256.of(ByteBuffer.allocate(8).putLong(n).array());
    return LedgerEntry.of(EntryKind.RESOURCE_VERSION, "Observation", Long.toString(n, 36), "1", hash,
        T0.plusMillis(n));
  }

  /** The entries for sequence numbers {@code [from, from + count)}. */
  static List<LedgerEntry> entries(long from, int count) {
    List<LedgerEntry> entries = new ArrayList<>(count);
    for (long n = from; n < from + count; n++) {
      entries.add(entry(n));
    }
    return entries;
  }

  /** A log of {@code size} entries, appended in batches of 512. */
  static LedgerLog filled(long size) {
    LedgerLog log = newLog();
    for (long from = 0; from < size; from += 512) {
      log.appendBatch(entries(from, (int) Math.min(512, size - from)));
    }
    return log;
  }
}
