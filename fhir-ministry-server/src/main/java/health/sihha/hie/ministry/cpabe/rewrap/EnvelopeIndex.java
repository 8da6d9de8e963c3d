package health.sihha.hie.ministry.cpabe.rewrap;

import static java.util.Objects.requireNonNull;

import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The key epoch of every stored sealed version, in table {@code SIHHA_CPABE_ENVELOPE} (database id, version, type,
 * epoch), written in the transaction that stores the version ({@link EnvelopeIndexInterceptor}) and by the re-wrap
 * job when it moves one: so the job finds the versions of an older epoch, current or in {@code _history}, without
 * reading every resource.
 */
final class EnvelopeIndex {

  private final JdbcTemplate jdbc;

  EnvelopeIndex(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(requireNonNull(dataSource));
    jdbc.execute("CREATE TABLE IF NOT EXISTS SIHHA_CPABE_ENVELOPE (RES_ID BIGINT NOT NULL, RES_VER BIGINT NOT NULL,"
        + " RES_TYPE VARCHAR(100) NOT NULL, EPOCH BIGINT NOT NULL, PRIMARY KEY (RES_ID, RES_VER))");
    jdbc.execute("CREATE INDEX IF NOT EXISTS SIHHA_CPABE_ENVELOPE_EPOCH ON SIHHA_CPABE_ENVELOPE (EPOCH, RES_ID)");
  }

  /** Records that version {@code version} of resource {@code resId} is sealed in {@code epoch}. */
  void record(long resId, long version, String type, long epoch) {
    if (jdbc.update("UPDATE SIHHA_CPABE_ENVELOPE SET EPOCH = ? WHERE RES_ID = ? AND RES_VER = ?", epoch, resId,
        version) == 0) {
      jdbc.update("INSERT INTO SIHHA_CPABE_ENVELOPE (RES_ID, RES_VER, RES_TYPE, EPOCH) VALUES (?, ?, ?, ?)", resId,
          version, type, epoch);
    }
  }

  /**
   * Up to {@code limit} resources after database id {@code after}, in id order, with a version sealed before
   * {@code epoch}.
   */
  List<Resource> resources(long epoch, long after, int limit) {
    return jdbc.query("SELECT RES_ID, MIN(RES_TYPE) AS RES_TYPE FROM SIHHA_CPABE_ENVELOPE WHERE RES_ID > ?"
        + " AND EPOCH < ? GROUP BY RES_ID ORDER BY RES_ID FETCH FIRST " + limit + " ROWS ONLY",
        (rs, i) -> new Resource(rs.getLong("RES_ID"), rs.getString("RES_TYPE")), after, epoch);
  }

  /**
   * Up to {@code limit} resources of the store, sealed or not, after database id {@code after}, in id order; deleted
   * ones left out. What a job under changed rules walks: a rule may now match what was stored in clear.
   */
  List<Resource> storedResources(long after, int limit) {
    return jdbc.query("SELECT RES_ID, RES_TYPE FROM HFJ_RESOURCE WHERE RES_ID > ? AND RES_DELETED_AT IS NULL"
        + " ORDER BY RES_ID FETCH FIRST " + limit + " ROWS ONLY",
        (rs, i) -> new Resource(rs.getLong("RES_ID"), rs.getString("RES_TYPE")), after);
  }

  /** Every stored version of resource {@code resId}, sealed or not. */
  List<Long> storedVersions(long resId) {
    return jdbc.queryForList("SELECT RES_VER FROM HFJ_RES_VER WHERE RES_ID = ? ORDER BY RES_VER", Long.class, resId);
  }

  /** The versions of resource {@code resId} sealed before {@code epoch}. */
  List<Long> versionsBefore(long resId, long epoch) {
    return jdbc.queryForList("SELECT RES_VER FROM SIHHA_CPABE_ENVELOPE WHERE RES_ID = ? AND EPOCH < ?"
        + " ORDER BY RES_VER", Long.class, resId, epoch);
  }

  /** A resource with sealed versions: its database id and type. */
  record Resource(long id, String type) {}
}
