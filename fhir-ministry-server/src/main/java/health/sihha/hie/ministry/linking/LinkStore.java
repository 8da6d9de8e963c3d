package health.sihha.hie.ministry.linking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The link store and the blind index, in tables on HAPI's DataSource (so their statements join the transaction
 * that applies an ingested change). The statements run unchanged on H2 and PostgreSQL.
 */
final class LinkStore {

  static final String LINKS = "SIHHA_LINK_PAIR";
  static final String BLIND_INDEX = "SIHHA_LINK_BLIND_INDEX";
  static final String LOCK = "SIHHA_LINK_LOCK";

  private static final String COLUMNS = "RECORD_ID, PERSON_ID, PROVIDER_ID, MATCH_KIND, SCORE, STATUS, CREATED, UPDATED";

  private final JdbcClient jdbc;

  LinkStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void createTables() {
    jdbc.sql("CREATE TABLE IF NOT EXISTS " + LINKS + " ("
        + "RECORD_ID VARCHAR(64) NOT NULL, "
        + "PERSON_ID VARCHAR(64) NOT NULL, "
        + "PROVIDER_ID VARCHAR(32) NOT NULL, "
        + "MATCH_KIND VARCHAR(16) NOT NULL, "
        + "SCORE DOUBLE PRECISION, "
        + "STATUS VARCHAR(16) NOT NULL, "
        + "CREATED TIMESTAMP NOT NULL, "
        + "UPDATED TIMESTAMP NOT NULL, "
        + "CONSTRAINT SIHHA_LINK_PAIR_PK PRIMARY KEY (RECORD_ID, PERSON_ID))").update();
    jdbc.sql("CREATE INDEX IF NOT EXISTS SIHHA_LINK_PAIR_PERSON ON " + LINKS + " (PERSON_ID, STATUS)").update();
    jdbc.sql("CREATE INDEX IF NOT EXISTS SIHHA_LINK_PAIR_STATUS ON " + LINKS + " (STATUS)").update();
    jdbc.sql("CREATE TABLE IF NOT EXISTS " + BLIND_INDEX + " ("
        + "DIGEST CHAR(64) NOT NULL, "
        + "RECORD_ID VARCHAR(64) NOT NULL, "
        + "CONSTRAINT SIHHA_LINK_BLIND_INDEX_PK PRIMARY KEY (DIGEST, RECORD_ID))").update();
    jdbc.sql("CREATE INDEX IF NOT EXISTS SIHHA_LINK_BLIND_INDEX_RECORD ON " + BLIND_INDEX + " (RECORD_ID)").update();
    jdbc.sql("CREATE TABLE IF NOT EXISTS " + LOCK + " (LOCK_ID INTEGER NOT NULL, "
        + "CONSTRAINT SIHHA_LINK_LOCK_PK PRIMARY KEY (LOCK_ID))").update();
    try {
      jdbc.sql("INSERT INTO " + LOCK + " (LOCK_ID) SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM " + LOCK
          + " WHERE LOCK_ID = 1)").update();
    } catch (DuplicateKeyException anotherNodeFirst) {
      // another ministry node created the row at the same moment: it is there, which is all that matters
    }
  }

  /**
   * Serialises linking decisions, on every node, until the current transaction ends: a row lock on the one row of
   * {@value #LOCK}. Two deliveries of the same person's first records must not both create a person.
   */
  void lock() {
    jdbc.sql("SELECT LOCK_ID FROM " + LOCK + " WHERE LOCK_ID = 1 FOR UPDATE").query(Integer.class).single();
  }

  /** The person {@code recordId} is linked to. */
  Optional<PatientLink> linkOf(String recordId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM " + LINKS + " WHERE RECORD_ID = ? AND STATUS = ?")
        .params(recordId, LinkStatus.LINKED.name()).query(LinkStore::link).optional();
  }

  Optional<PatientLink> pair(String recordId, String personId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM " + LINKS + " WHERE RECORD_ID = ? AND PERSON_ID = ?")
        .params(recordId, personId).query(LinkStore::link).optional();
  }

  /** The records linked to {@code personId}, oldest first. */
  List<PatientLink> linkedTo(String personId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM " + LINKS + " WHERE PERSON_ID = ? AND STATUS = ? ORDER BY CREATED, RECORD_ID")
        .params(personId, LinkStatus.LINKED.name()).query(LinkStore::link).list();
  }

  /** The pairs waiting for review, highest score first. */
  List<PatientLink> possibleMatches() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM " + LINKS + " WHERE STATUS = ? ORDER BY SCORE DESC, CREATED")
        .params(LinkStatus.POSSIBLE_MATCH.name()).query(LinkStore::link).list();
  }

  /** The pairs of {@code recordId} in any status. */
  List<PatientLink> pairsOf(String recordId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM " + LINKS + " WHERE RECORD_ID = ?")
        .params(recordId).query(LinkStore::link).list();
  }

  void put(PatientLink link) {
    int updated = jdbc.sql("UPDATE " + LINKS + " SET PROVIDER_ID = ?, MATCH_KIND = ?, SCORE = ?, STATUS = ?, UPDATED = ?"
        + " WHERE RECORD_ID = ? AND PERSON_ID = ?")
        .params(link.providerId(), link.kind().name(), link.score(), link.status().name(),
            Timestamp.from(link.updated()), link.recordId(), link.personId())
        .update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO " + LINKS + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
          .params(link.recordId(), link.personId(), link.providerId(), link.kind().name(), link.score(),
              link.status().name(), Timestamp.from(link.created()), Timestamp.from(link.updated()))
          .update();
    }
  }

  void delete(String recordId, String personId) {
    jdbc.sql("DELETE FROM " + LINKS + " WHERE RECORD_ID = ? AND PERSON_ID = ?").params(recordId, personId).update();
  }

  /** Forgets a deleted record: its pairs and its digests. */
  void forget(String recordId) {
    jdbc.sql("DELETE FROM " + LINKS + " WHERE RECORD_ID = ?").params(recordId).update();
    jdbc.sql("DELETE FROM " + BLIND_INDEX + " WHERE RECORD_ID = ?").params(recordId).update();
  }

  void index(String recordId, Collection<String> digests) {
    jdbc.sql("DELETE FROM " + BLIND_INDEX + " WHERE RECORD_ID = ?").params(recordId).update();
    for (String digest : digests) {
      jdbc.sql("INSERT INTO " + BLIND_INDEX + " (DIGEST, RECORD_ID) VALUES (?, ?)").params(digest, recordId).update();
    }
  }

  /** The records carrying the identifier of {@code digest}. */
  List<String> recordsWith(String digest) {
    return jdbc.sql("SELECT RECORD_ID FROM " + BLIND_INDEX + " WHERE DIGEST = ? ORDER BY RECORD_ID")
        .params(digest).query(String.class).list();
  }

  private static PatientLink link(ResultSet row, int number) throws SQLException {
    double score = row.getDouble("SCORE");
    return new PatientLink(row.getString("RECORD_ID"), row.getString("PERSON_ID"), row.getString("PROVIDER_ID"),
        MatchKind.valueOf(row.getString("MATCH_KIND")), row.wasNull() ? null : score,
        LinkStatus.valueOf(row.getString("STATUS")), row.getTimestamp("CREATED").toInstant(),
        row.getTimestamp("UPDATED").toInstant());
  }
}
