package health.sihha.hie.ministry.cpabe.rewrap;

import static java.util.Objects.requireNonNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The job's progress in table {@code SIHHA_CPABE_REWRAP}, one row per target epoch: the rules' fingerprint, state,
 * the cursor (the last
 * {@code HFJ_RESOURCE.RES_ID} examined), counts, and the instance holding it with its lease. Every instance reads
 * and claims through this table, so two ministries never work on the same job at once and a stopped one's job is
 * taken over when its lease runs out.
 */
final class RewrapProgress {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  RewrapProgress(DataSource dataSource, Clock clock) {
    this.jdbc = new JdbcTemplate(requireNonNull(dataSource));
    this.clock = requireNonNull(clock);
    jdbc.execute("CREATE TABLE IF NOT EXISTS SIHHA_CPABE_REWRAP (EPOCH BIGINT NOT NULL PRIMARY KEY,"
        + " STATE VARCHAR(16) NOT NULL, CURSOR_ID BIGINT NOT NULL, REWRAPPED BIGINT NOT NULL, FAILED BIGINT NOT NULL,"
        + " LAST_ERROR VARCHAR(1000), OWNER VARCHAR(64), LEASE_UNTIL TIMESTAMP, STARTED_AT TIMESTAMP NOT NULL,"
        + " UPDATED_AT TIMESTAMP NOT NULL)");
    jdbc.execute("ALTER TABLE SIHHA_CPABE_REWRAP ADD COLUMN IF NOT EXISTS RULES VARCHAR(64)");
    jdbc.execute("ALTER TABLE SIHHA_CPABE_REWRAP ADD COLUMN IF NOT EXISTS EVERY_SEALED BOOLEAN DEFAULT TRUE NOT NULL");
  }

  /**
   * Records a job to {@code epoch} under the sealing rules of fingerprint {@code rules} (once) and supersedes the
   * jobs to earlier epochs, which it covers. The job of the same epoch under other rules starts again from the first
   * resource, whatever its state: the new rules may move envelopes it has passed. A job examines every sealed
   * resource when the rules are not those of the latest job, or that job, still running, did; otherwise only those
   * with a version of an older epoch.
   */
  void start(long epoch, String rules) {
    Timestamp now = Timestamp.from(clock.instant());
    boolean everySealed = latest().map(last -> !rules.equals(last.rules())
        || last.everySealed() && RewrapStatus.RUNNING.equals(last.state())).orElse(true);
    jdbc.update("UPDATE SIHHA_CPABE_REWRAP SET STATE = ?, UPDATED_AT = ? WHERE EPOCH < ? AND STATE = ?",
        RewrapStatus.SUPERSEDED, now, epoch, RewrapStatus.RUNNING);
    if (jdbc.update("UPDATE SIHHA_CPABE_REWRAP SET RULES = ?, EVERY_SEALED = TRUE, STATE = ?, CURSOR_ID = 0,"
        + " REWRAPPED = 0, FAILED = 0, LAST_ERROR = NULL, OWNER = NULL, LEASE_UNTIL = NULL, STARTED_AT = ?,"
        + " UPDATED_AT = ? WHERE EPOCH = ? AND (RULES IS NULL OR RULES <> ?)", rules, RewrapStatus.RUNNING, now, now,
        epoch, rules) == 1) {
      return;
    }
    if (jdbc.queryForObject("SELECT COUNT(*) FROM SIHHA_CPABE_REWRAP WHERE EPOCH = ?", Long.class, epoch) == 0) {
      try {
        jdbc.update("INSERT INTO SIHHA_CPABE_REWRAP (EPOCH, RULES, EVERY_SEALED, STATE, CURSOR_ID, REWRAPPED, FAILED,"
            + " STARTED_AT, UPDATED_AT) VALUES (?, ?, ?, ?, 0, 0, 0, ?, ?)", epoch, rules, everySealed,
            RewrapStatus.RUNNING, now, now);
      } catch (DuplicateKeyException startedByAnotherInstance) {
        // the same job, recorded by the instance that started it a moment earlier
        return;
      }
    }
  }

  /**
   * Claims the running job for {@code owner} for {@code lease}, or renews its own claim: one conditional update, so
   * of two instances asking at once exactly one gets it. Empty when there is no job or another instance holds it.
   */
  Optional<RewrapStatus> claim(String owner, Duration lease) {
    Optional<RewrapStatus> running = latest().filter(status -> RewrapStatus.RUNNING.equals(status.state()));
    if (running.isEmpty()) {
      return Optional.empty();
    }
    Timestamp now = Timestamp.from(clock.instant());
    int claimed = jdbc.update("UPDATE SIHHA_CPABE_REWRAP SET OWNER = ?, LEASE_UNTIL = ? WHERE EPOCH = ? AND STATE = ?"
        + " AND (OWNER IS NULL OR OWNER = ? OR LEASE_UNTIL < ?)", owner, Timestamp.from(clock.instant().plus(lease)),
        running.get().epoch(), RewrapStatus.RUNNING, owner, now);
    return claimed == 1 ? find(running.get().epoch()) : Optional.empty();
  }

  /** Records a finished step: the new cursor and counts, only while {@code owner} still holds the job. */
  boolean advance(String owner, long epoch, long cursor, long rewrapped, long failed, String lastError) {
    return jdbc.update("UPDATE SIHHA_CPABE_REWRAP SET CURSOR_ID = ?, REWRAPPED = REWRAPPED + ?, FAILED = FAILED + ?,"
        + " LAST_ERROR = COALESCE(?, LAST_ERROR), UPDATED_AT = ? WHERE EPOCH = ? AND OWNER = ? AND STATE = ?",
        cursor, rewrapped, failed, lastError, Timestamp.from(clock.instant()), epoch, owner,
        RewrapStatus.RUNNING) == 1;
  }

  void finish(String owner, long epoch) {
    jdbc.update("UPDATE SIHHA_CPABE_REWRAP SET STATE = ?, OWNER = NULL, LEASE_UNTIL = NULL, UPDATED_AT = ?"
        + " WHERE EPOCH = ? AND OWNER = ? AND STATE = ?", RewrapStatus.DONE, Timestamp.from(clock.instant()), epoch,
        owner, RewrapStatus.RUNNING);
  }

  /** The job of the highest epoch, if any was ever started. */
  Optional<RewrapStatus> latest() {
    return first(jdbc.query("SELECT * FROM SIHHA_CPABE_REWRAP ORDER BY EPOCH DESC", (rs, i) -> status(rs)));
  }

  Optional<RewrapStatus> find(long epoch) {
    return first(jdbc.query("SELECT * FROM SIHHA_CPABE_REWRAP WHERE EPOCH = ?", (rs, i) -> status(rs), epoch));
  }

  private static Optional<RewrapStatus> first(List<RewrapStatus> rows) {
    return rows.stream().findFirst();
  }

  private static RewrapStatus status(ResultSet rs) throws SQLException {
    return new RewrapStatus(rs.getLong("EPOCH"), rs.getString("RULES"), rs.getBoolean("EVERY_SEALED"),
        rs.getString("STATE"), rs.getLong("CURSOR_ID"), rs.getLong("REWRAPPED"), rs.getLong("FAILED"),
        rs.getString("LAST_ERROR"),
        rs.getTimestamp("STARTED_AT").toInstant(), rs.getTimestamp("UPDATED_AT").toInstant());
  }
}
