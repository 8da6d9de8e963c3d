package health.sihha.hie.ministry.ingest;

import static java.util.Objects.requireNonNull;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the national store last applied of each source resource: {@code SIHHA_INGESTION_STATE} (provider, type,
 * source id) → the provider's version and whether it was a deletion. Every change to a national copy happens under
 * the lock of that resource's row ({@link #lock}), so two deliveries of one resource are applied one after the other
 * and the version check sees what the other committed. Plain SQL that H2 and PostgreSQL both understand; the table is
 * created at start-up, as HAPI's own tables are.
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
  }

  /** The applied state of one source resource; version 0 when nothing was applied yet. */
  public record Held(SourceKey key, long version, boolean deleted) {

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
    return jdbc.queryForObject("SELECT SOURCE_VERSION, DELETED FROM SIHHA_INGESTION_STATE"
            + " WHERE PROVIDER = ? AND RES_TYPE = ? AND SOURCE_ID = ? FOR UPDATE",
        (row, n) -> new Held(key, row.getLong(1), row.getBoolean(2)), key.provider(), key.type(), key.id());
  }

  /** Records, in the current transaction, the version just applied. */
  void record(SourceKey key, long version, boolean deleted) {
    jdbc.update("UPDATE SIHHA_INGESTION_STATE SET SOURCE_VERSION = ?, DELETED = ?, APPLIED_AT = ?"
            + " WHERE PROVIDER = ? AND RES_TYPE = ? AND SOURCE_ID = ?",
        version, deleted, Timestamp.from(Instant.now()), key.provider(), key.type(), key.id());
  }

  /** Every source resource of one provider and type the ministry holds state for. */
  public List<Held> all(String provider, String type) {
    return jdbc.query("SELECT SOURCE_ID, SOURCE_VERSION, DELETED FROM SIHHA_INGESTION_STATE"
            + " WHERE PROVIDER = ? AND RES_TYPE = ? AND SOURCE_VERSION > 0",
        (row, n) -> new Held(new SourceKey(provider, type, row.getString(1)), row.getLong(2), row.getBoolean(3)),
        provider, type);
  }

  private boolean exists(SourceKey key) {
    Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM SIHHA_INGESTION_STATE"
        + " WHERE PROVIDER = ? AND RES_TYPE = ? AND SOURCE_ID = ?", Integer.class, key.provider(), key.type(), key.id());
    return found != null && found > 0;
  }
}
