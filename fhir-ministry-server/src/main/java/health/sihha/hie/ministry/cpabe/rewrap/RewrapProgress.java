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
 * The job's progress in table {@code SIHHA_CPABE_REWRAP}, one row per target epoch: state, the cursor (the last
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
  }

  /** Records a job to {@code epoch} (once) and supersedes the jobs to earlier epochs, which it covers. */
  void start(long epoch) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update("UPDATE SIHHA_CPABE_REWRAP SET STATE = ?, UPDATED_AT = ? WHERE EPOCH < ? AND STATE = ?",
        RewrapStatus.SUPERSEDED, now, epoch, RewrapStatus.RUNNING);
    if (jdbc.queryForObject("SELECT COUNT(*) FROM SIHHA_CPABE_REWRAP WHERE EPOCH = ?", Long.class, epoch) == 0) {
      try {
        jdbc.update("INSERT INTO SIHHA_CPABE_REWRAP (EPOCH, STATE, CURSOR_ID, REWRAPPED, FAILED, STARTED_AT,"
            + " UPDATED_AT) VALUES (?, ?, 0, 0, 0, ?, ?)", epoch, RewrapStatus.RUNNING, now, now);
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
    return new RewrapStatus(rs.getLong("EPOCH"), rs.getString("STATE"), rs.getLong("CURSOR_ID"),
        rs.getLong("REWRAPPED"), rs.getLong("FAILED"), rs.getString("LAST_ERROR"),
        rs.getTimestamp("STARTED_AT").toInstant(), rs.getTimestamp("UPDATED_AT").toInstant());
  }
}
