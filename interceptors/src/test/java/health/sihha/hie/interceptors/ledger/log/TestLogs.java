package health.sihha.hie.interceptors.ledger.log;

import health.sihha.hie.interceptors.ledger.EntryKind;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.Sha256;
import health.sihha.hie.interceptors.ledger.merkle.TreeHasher;
import health.sihha.hie.interceptors.ledger.store.LedgerStore;
import health.sihha.hie.interceptors.ledger.treehead.LedgerKeyPair;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Entries, a node's keys and logs for the log tests. */
final class TestLogs {

  static final String NODE = "provider-a";
  static final LedgerKeyPair KEYS = LedgerKeyPair.generate();
  static final TreeHeads.Signer SIGNER = TreeHeads.signer(NODE, KEYS);
  static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  private TestLogs() {}

  /** Entry {@code i}: Observation/obs-i (or, for every third, an AuditEvent). */
  static LedgerEntry entry(int i) {
    return entry(i, "resource " + i);
  }

  static LedgerEntry entry(int i, String content) {
    EntryKind kind = i % 3 == 2 ? EntryKind.AUDIT_EVENT : EntryKind.RESOURCE_VERSION;
    String type = kind == EntryKind.AUDIT_EVENT ? "AuditEvent" : "Observation";
    return LedgerEntry.of(kind, type, "r-" + i, "1", Sha256.of(content.getBytes(StandardCharsets.UTF_8)),
        T0.plusMillis(i));
  }

  static List<LedgerEntry> entries(int from, int to) {
    List<LedgerEntry> entries = new ArrayList<>();
    for (int i = from; i < to; i++) {
      entries.add(entry(i));
    }
    return entries;
  }

  static LedgerLog open(LedgerStore store) {
    return LedgerLog.open(store, SIGNER, CLOCK);
  }

  /** MTH of {@code entries}, by RFC 9162's recursion. */
  static Hash mth(List<LedgerEntry> entries) {
    if (entries.isEmpty()) {
      return TreeHasher.EMPTY_ROOT;
    }
    if (entries.size() == 1) {
      return TreeHasher.leafHash(entries.get(0).encode());
    }
    int k = Integer.highestOneBit(entries.size() - 1);
    return TreeHasher.nodeHash(mth(entries.subList(0, k)), mth(entries.subList(k, entries.size())));
  }
}
