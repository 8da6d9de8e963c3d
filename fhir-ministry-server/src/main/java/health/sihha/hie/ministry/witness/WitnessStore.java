package health.sihha.hie.ministry.witness;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.treehead.LedgerPublicKey;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The providers' heads the ministry witnessed, one row per provider in its own database ({@code SIHHA_WITNESS}): the
 * node's key and the latest head accepted, kept across restarts so that a node cannot rewrite what the ministry
 * already saw; and the latest check's outcome. A refused head never replaces the accepted one.
 */
@Component
class WitnessStore {

  private static final Base64.Encoder BASE64 = Base64.getEncoder();
  private static final Base64.Decoder DECODE = Base64.getDecoder();

  private final JdbcTemplate jdbc;

  WitnessStore(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(requireNonNull(dataSource));
    jdbc.execute("CREATE TABLE IF NOT EXISTS SIHHA_WITNESS ("
        + "PROVIDER VARCHAR(64) NOT NULL PRIMARY KEY, PUBLIC_KEY VARCHAR(512), NODE_ID VARCHAR(128),"
        + " TREE_SIZE BIGINT, ROOT_HASH VARCHAR(64), HEAD_MILLIS BIGINT, SIGNATURE VARCHAR(512),"
        + " CHECKED_AT TIMESTAMP NOT NULL, VERDICT VARCHAR(40) NOT NULL, DETAIL VARCHAR(2000) NOT NULL)");
  }

  Optional<WitnessedHead> find(String provider) {
    return jdbc.query("SELECT * FROM SIHHA_WITNESS WHERE PROVIDER = ?", WitnessStore::row, provider).stream()
        .findFirst();
  }

  List<WitnessedHead> all() {
    return jdbc.query("SELECT * FROM SIHHA_WITNESS ORDER BY PROVIDER", WitnessStore::row);
  }

  /** Records {@code witnessed}: its key and head, and the check's outcome. */
  void save(WitnessedHead witnessed) {
    SignedTreeHead head = witnessed.head();
    Object[] values = {
        witnessed.key() == null ? null : BASE64.encodeToString(witnessed.key().spki()),
        head == null ? null : head.nodeId(), head == null ? null : head.treeSize(),
        head == null ? null : head.rootHash().toHex(), head == null ? null : head.timestamp().toEpochMilli(),
        head == null ? null : BASE64.encodeToString(head.signature()), Timestamp.from(witnessed.checkedAt()),
        witnessed.verdict(), truncate(witnessed.detail()), witnessed.provider()};
    int updated = jdbc.update("UPDATE SIHHA_WITNESS SET PUBLIC_KEY = ?, NODE_ID = ?, TREE_SIZE = ?, ROOT_HASH = ?,"
        + " HEAD_MILLIS = ?, SIGNATURE = ?, CHECKED_AT = ?, VERDICT = ?, DETAIL = ? WHERE PROVIDER = ?", values);
    if (updated == 0) {
      jdbc.update("INSERT INTO SIHHA_WITNESS (PUBLIC_KEY, NODE_ID, TREE_SIZE, ROOT_HASH, HEAD_MILLIS, SIGNATURE,"
          + " CHECKED_AT, VERDICT, DETAIL, PROVIDER) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values);
    }
  }

  private static WitnessedHead row(ResultSet row, int number) throws SQLException {
    String key = row.getString("PUBLIC_KEY");
    String nodeId = row.getString("NODE_ID");
    SignedTreeHead head = nodeId == null ? null : new SignedTreeHead(nodeId, row.getLong("TREE_SIZE"),
        Hash.fromHex(row.getString("ROOT_HASH")), Instant.ofEpochMilli(row.getLong("HEAD_MILLIS")),
        DECODE.decode(row.getString("SIGNATURE")));
    return new WitnessedHead(row.getString("PROVIDER"), key == null ? null : LedgerPublicKey.fromBase64Spki(key),
        head, row.getTimestamp("CHECKED_AT").toInstant(), row.getString("VERDICT"), row.getString("DETAIL"));
  }

  private static String truncate(String detail) {
    return detail.length() <= 2000 ? detail : detail.substring(0, 2000);
  }
}
