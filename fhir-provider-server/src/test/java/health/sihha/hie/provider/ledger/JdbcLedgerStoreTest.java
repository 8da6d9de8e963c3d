package health.sihha.hie.provider.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import health.sihha.hie.interceptors.ledger.EntryKey;
import health.sihha.hie.interceptors.ledger.EntryKind;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.Sha256;
import health.sihha.hie.interceptors.ledger.log.LedgerAudit;
import health.sihha.hie.interceptors.ledger.log.LedgerLog;
import health.sihha.hie.interceptors.ledger.merkle.TreeHasher;
import health.sihha.hie.interceptors.ledger.store.AppendBatch;
import health.sihha.hie.interceptors.ledger.store.InMemoryLedgerStore;
import health.sihha.hie.interceptors.ledger.treehead.LedgerKeyPair;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeadWitness;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The JDBC store against the library's in-memory one (same heads and proofs), a restart that goes on, and rows
 * changed behind the log's back found by the audit and the consistency check. On H2 here, on PostgreSQL in
 * {@link JdbcLedgerStorePostgresIT}.
 */
class JdbcLedgerStoreTest {

  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final TreeHeads.Signer SIGNER = TreeHeads.signer("provider-test", LedgerKeyPair.generate());

  private JdbcTemplate jdbc;
  private JdbcLedgerStore store;

  @BeforeEach
  void database() throws SQLException {
    DataSource dataSource = emptyDatabase();
    new LedgerSchema(JdbcClient.create(dataSource)).create();
    jdbc = new JdbcTemplate(dataSource);
    store = new JdbcLedgerStore(jdbc);
  }

  /** A database without the ledger's tables. */
  DataSource emptyDatabase() throws SQLException {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  @Test
  void keepsTheSameLogAsTheInMemoryStore() {
    InMemoryLedgerStore reference = new InMemoryLedgerStore();
    LedgerLog jdbcLog = LedgerLog.open(store, SIGNER, CLOCK);
    LedgerLog memoryLog = LedgerLog.open(reference, SIGNER, CLOCK);
    int next = 0;
    for (int batch : new int[] {1, 6, 13, 1, 20}) {
      List<LedgerEntry> entries = entries(next, batch);
      next += batch;
      assertThat(jdbcLog.appendBatch(entries)).isEqualTo(memoryLog.appendBatch(entries));
    }
    for (long leaf : new long[] {0, 7, 40}) {
      assertThat(jdbcLog.inclusionProof(leaf, next)).isEqualTo(memoryLog.inclusionProof(leaf, next));
    }
    assertThat(jdbcLog.consistencyProof(7, next)).isEqualTo(memoryLog.consistencyProof(7, next));
    assertThat(store.treeHeads(0, next)).isEqualTo(reference.treeHeads(0, next));
    assertThat(store.indexOf(entries(20, 1).get(0).key())).hasValue(20);
    assertThat(LedgerAudit.verifyStore(store, "provider-test", SIGNER.publicKey()).problems()).isEmpty();
  }

  @Test
  void aRestartGoesOnFromTheStoredFrontierAndAStaleWriterIsRefused() {
    LedgerLog first = LedgerLog.open(store, SIGNER, CLOCK);
    first.appendBatch(entries(0, 5));
    LedgerLog restarted = LedgerLog.open(store, SIGNER, CLOCK);
    assertThat(restarted.latest()).isEqualTo(first.latest());
    restarted.appendBatch(entries(5, 3));
    assertThat(LedgerAudit.verifyStore(store, "provider-test", SIGNER.publicKey()).intact()).isTrue();

    List<LedgerEntry> more = entries(8, 2);
    assertThatThrownBy(() -> store.append(staleBatch(more))).isInstanceOf(ResourceVersionConflictException.class);
    // the log that was overtaken reloads its frontier and appends after the other writer's entries
    assertThat(first.appendBatch(more).treeSize()).isEqualTo(10);
    assertThat(LedgerAudit.verifyStore(store, "provider-test", SIGNER.publicKey()).intact()).isTrue();
  }

  @Test
  void aDeletedEntryRowOrARewrittenOldHeadIsFound() {
    LedgerLog log = LedgerLog.open(store, SIGNER, CLOCK);
    SignedTreeHead older = log.appendBatch(entries(0, 6));
    SignedTreeHead newer = log.appendBatch(entries(6, 5));

    jdbc.update("DELETE FROM SIHHA_LEDGER_ENTRY WHERE LEAF_INDEX = 3");
    assertThatThrownBy(() -> LedgerAudit.verifyStore(store, "provider-test", SIGNER.publicKey()))
        .hasMessageContaining("entry rows were removed");

    // the node's own key re-signs a rewritten history: the consistency proof no longer joins the roots
    SignedTreeHead rewritten = SIGNER.sign(6, Sha256.of(new byte[] {2}), older.timestamp());
    jdbc.update("UPDATE SIHHA_LEDGER_TREE_HEAD SET ROOT_HASH = ?, SIGNATURE = ? WHERE TREE_SIZE = 6",
        rewritten.rootHash().toHex(), rewritten.signatureBase64());
    SignedTreeHead stored = store.treeHead(6).orElseThrow();
    assertThat(TreeHeadWitness.check("provider-test", SIGNER.publicKey(), stored, newer,
        log.consistencyProof(6, 11)).verdict()).isEqualTo(TreeHeadWitness.Verdict.INCONSISTENT);
  }

  /** A batch made on the view of a log of 5 entries, before another writer appended 3. */
  private static AppendBatch staleBatch(List<LedgerEntry> entries) {
    List<Hash> leafHashes = entries.stream().map(e -> TreeHasher.leafHash(e.encode())).toList();
    Hash anyRoot = Sha256.of(new byte[] {1});
    return new AppendBatch(5, entries, leafHashes, List.of(), SIGNER.sign(5 + entries.size(), anyRoot,
        CLOCK.instant()));
  }

  private static List<LedgerEntry> entries(int from, int count) {
    List<LedgerEntry> entries = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      entries.add(new LedgerEntry(new EntryKey(EntryKind.RESOURCE_VERSION, "Observation", "o" + i, "1"),
          Sha256.of(("version " + i).getBytes(StandardCharsets.US_ASCII)), CLOCK.instant()));
    }
    return entries;
  }
}
