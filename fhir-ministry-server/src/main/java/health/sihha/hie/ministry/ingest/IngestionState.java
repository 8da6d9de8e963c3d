package health.sihha.hie.ministry.ingest;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.interceptors.ledger.Hash;
import jakarta.annotation.Nullable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the national store last applied of each source resource: {@code SIHHA_INGESTION_STATE} (provider, type,
 * source id) → the provider's version, whether it was a deletion, and the hashes of the version as the provider
 * wrote it. Every change to a national copy happens under the lock of that resource's row ({@link #lock}), so two
 * deliveries of one resource are applied one after the other and the version check sees what the other committed.
 * Plain SQL that H2 and PostgreSQL both understand; the table is created at start-up, as HAPI's own tables are.
 */
@Repository
public class IngestionState {

  private final JdbcTemplate jdbc;

  IngestionState(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(requireNonNull(dataSource));
    jdbc.execute("CREATE TABLE IF NOT EXISTS SIHHA_INGESTION_STATE ("
        + "PROVIDER VARCHAR(32) NOT NULL, RES_TYPE VARCHAR(64) NOT NULL, SOURCE_ID VARCHAR(64) NOT NULL,"
        + " SOURCE_VERSION BIGINT NOT NULL, DELETED BOOLEAN NOT NULL, APPLIED_AT TIMESTAMP,"
        + " PRIMARY KEY (PROVIDER, RES_TYPE, SOURCE_ID))");
    // added after the table: a store created before keeps its rows, whose hashes are unknown (null)
    jdbc.execute("ALTER TABLE SIHHA_INGESTION_STATE ADD COLUMN IF NOT EXISTS CONTENT_HASH VARCHAR(64)");
    jdbc.execute("ALTER TABLE SIHHA_INGESTION_STATE ADD COLUMN IF NOT EXISTS LEDGER_HASH VARCHAR(64)");
  }

  /**
   * The applied state of one source resource; version 0 when nothing was applied yet.
   *
   * @param contentHash the unsalted hash of the version's canonical form as the provider wrote it (checked against
   *     the provider's when it sent one); none for a deletion or a row older than the column
   * @param ledgerHash the salted hash the provider sent, which its ledger anchors for the version; none when the
   *     version came without it (a reconciliation reads the provider's history, which carries no hash)
   */
  public record Held(SourceKey key, long version, boolean deleted, @Nullable Hash contentHash,
      @Nullable Hash ledgerHash) {

    public boolean isNewer(long sourceVersion) {
      return sourceVersion > version;
    }
  }

  /**
   * Makes sure the row exists, outside any transaction, so that {@link #lock} always has a row to lock: two first
   * deliveries race to insert it and the loser finds it there.
   */
  void ensureRow(SourceKey key) {
    if (exists(key)) {
      return;
    }
    try {
      jdbc.update("INSERT INTO SIHHA_INGESTION_STATE (PROVIDER, RES_TYPE, SOURCE_ID, SOURCE_VERSION, DELETED)"
          + " VALUES (?, ?, ?, 0, FALSE)", key.provider(), key.type(), key.id());
    } catch (DuplicateKeyException insertedMeanwhile) {
      // the concurrent delivery inserted it: the row is there, which is all this asked for
    }
  }

  /** Locks the row until the current transaction ends and returns what it holds. */
  Held lock(SourceKey key) {
    return jdbc.queryForObject("SELECT SOURCE_VERSION, DELETED, CONTENT_HASH, LEDGER_HASH FROM SIHHA_INGESTION_STATE"
            + " WHERE PROVIDER = ? AND RES_TYPE = ? AND SOURCE_ID = ? FOR UPDATE",
        (row, n) -> new Held(key, row.getLong(1), row.getBoolean(2), hash(row.getString(3)), hash(row.getString(4))),
        key.provider(), key.type(), key.id());
  }

  /** Records, in the current transaction, {@code held}: the version just applied. */
  void record(Held held) {
    SourceKey key = held.key();
    jdbc.update("UPDATE SIHHA_INGESTION_STATE SET SOURCE_VERSION = ?, DELETED = ?, APPLIED_AT = ?, CONTENT_HASH = ?,"
            + " LEDGER_HASH = ? WHERE PROVIDER = ? AND RES_TYPE = ? AND SOURCE_ID = ?",
        held.version(), held.deleted(), Timestamp.from(Instant.now()), hex(held.contentHash()),
        hex(held.ledgerHash()), key.provider(), key.type(), key.id());
  }

  /** Every source resource of one provider and type the ministry holds state for. */
  public List<Held> all(String provider, String type) {
    return jdbc.query("SELECT SOURCE_ID, SOURCE_VERSION, DELETED, CONTENT_HASH, LEDGER_HASH FROM SIHHA_INGESTION_STATE"
            + " WHERE PROVIDER = ? AND RES_TYPE = ? AND SOURCE_VERSION > 0",
        (row, n) -> new Held(new SourceKey(provider, type, row.getString(1)), row.getLong(2), row.getBoolean(3),
            hash(row.getString(4)), hash(row.getString(5))),
        provider, type);
  }

  private static Hash hash(@Nullable String hex) {
    return hex == null ? null : Hash.fromHex(hex);
  }

  private static String hex(@Nullable Hash hash) {
    return hash == null ? null : hash.toHex();
  }

  private boolean exists(SourceKey key) {
    Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM SIHHA_INGESTION_STATE"
        + " WHERE PROVIDER = ? AND RES_TYPE = ? AND SOURCE_ID = ?", Integer.class, key.provider(), key.type(), key.id());
    return found != null && found > 0;
  }
}
