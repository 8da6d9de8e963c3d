package health.sihha.hie.provider.aggregation.outbox;

import static health.sihha.hie.provider.aggregation.outbox.OutboxSchema.OUTBOX;
import static health.sihha.hie.provider.aggregation.outbox.OutboxSchema.SUBSCRIPTION;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox rows and the Subscriptions' counter rows, in plain SQL that runs on H2 and PostgreSQL. Every method
 * joins the caller's transaction, if any.
 *
 * <p>Row states: {@code NEW} (committed, not numbered yet), {@code PENDING} (numbered, not delivered),
 * {@code DELIVERED}, {@code PARKED} (refused by the consumer, waits for a {@code $retry}).
 */
final class OutboxStore {

  static final String NEW = "NEW";
  static final String PENDING = "PENDING";
  static final String DELIVERED = "DELIVERED";
  static final String PARKED = "PARKED";

  private static final String EVENT_COLUMNS = "EVENT_NUMBER, RES_TYPE, RES_ID, RES_VERSION, OPERATION, WRITTEN_AT, "
      + "RESOURCE_JSON, STATE, ATTEMPTS, OUTCOME";

  private final JdbcClient jdbc;

  OutboxStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void add(Written write) {
    jdbc.sql("INSERT INTO " + OUTBOX + " (RES_TYPE, RES_ID, RES_VERSION, OPERATION, WRITTEN_AT, RESOURCE_JSON, STATE)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)")
        .params(write.type(), write.id(), write.version(), write.operation().name(), at(write.writtenAt()),
            write.json(), NEW)
        .update();
  }

  /** Creates the counter row of {@code subscription} if it has none. */
  void ensureSubscription(String subscription, String status) {
    if (subscription(subscription).isPresent()) {
      return;
    }
    try {
      jdbc.sql("INSERT INTO " + SUBSCRIPTION + " (SUBSCRIPTION_ID, LAST_NUMBER, STATUS) VALUES (?, 0, ?)")
          .params(subscription, status).update();
    } catch (DuplicateKeyException anotherReplicaWasFirst) {
      // the row is there, which is all this asked for
    }
  }

  /** Locks the counter row of {@code subscription} until the transaction ends and returns its last number. */
  long lockCounter(String subscription) {
    return jdbc.sql("SELECT LAST_NUMBER FROM " + SUBSCRIPTION + " WHERE SUBSCRIPTION_ID = ? FOR UPDATE")
        .param(subscription).query(Long.class).single();
  }

  List<Long> unnumbered(int limit) {
    return jdbc.sql("SELECT ID FROM " + OUTBOX + " WHERE STATE = ? ORDER BY ID FETCH FIRST " + limit + " ROWS ONLY")
        .param(NEW).query(Long.class).list();
  }

  void number(long row, long number) {
    jdbc.sql("UPDATE " + OUTBOX + " SET EVENT_NUMBER = ?, STATE = ? WHERE ID = ?").params(number, PENDING, row)
        .update();
  }

  void setLastNumber(String subscription, long last) {
    jdbc.sql("UPDATE " + SUBSCRIPTION + " SET LAST_NUMBER = ? WHERE SUBSCRIPTION_ID = ?").params(last, subscription)
        .update();
  }

  /** Takes or renews the delivery lease of {@code subscription}; whether {@code owner} holds it now. */
  boolean lease(String subscription, String owner, Instant now, Instant until) {
    return jdbc.sql("UPDATE " + SUBSCRIPTION + " SET LEASE_OWNER = ?, LEASE_UNTIL = ? WHERE SUBSCRIPTION_ID = ?"
            + " AND (LEASE_OWNER IS NULL OR LEASE_OWNER = ? OR LEASE_UNTIL < ?)")
        .params(owner, at(until), subscription, owner, at(now)).update() == 1;
  }

  Optional<SubscriptionState> subscription(String subscription) {
    return jdbc.sql("SELECT SUBSCRIPTION_ID, LAST_NUMBER, STATUS, ERROR, FAILURES, RETRY_AT, LAST_SENT_AT FROM "
            + SUBSCRIPTION + " WHERE SUBSCRIPTION_ID = ?")
        .param(subscription)
        .query((rs, n) -> new SubscriptionState(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4),
            rs.getInt(5), instant(rs, 6), instant(rs, 7)))
        .optional();
  }

  /** A notification went through: the backoff ends and {@code status} is set. */
  void sent(String subscription, String status, Instant now) {
    jdbc.sql("UPDATE " + SUBSCRIPTION + " SET STATUS = ?, ERROR = NULL, FAILURES = 0, RETRY_AT = NULL,"
            + " LAST_SENT_AT = ? WHERE SUBSCRIPTION_ID = ?")
        .params(status, at(now), subscription).update();
  }

  /** A whole notification failed: the next one waits until {@code retryAt}. */
  void failed(String subscription, String status, String error, int failures, Instant retryAt) {
    jdbc.sql("UPDATE " + SUBSCRIPTION + " SET STATUS = ?, ERROR = ?, FAILURES = ?, RETRY_AT = ?"
            + " WHERE SUBSCRIPTION_ID = ?")
        .params(status, truncate(error), failures, at(retryAt), subscription).update();
  }

  /**
   * Up to {@code limit} events that may go now, lowest number first: pending, due, and with no earlier event of the
   * same resource parked or waiting for a later attempt. An earlier event of the same resource that may go now is
   * itself in the answer, ahead of it: both go in one notification, in order.
   */
  List<OutboxEvent> deliverable(Instant now, int limit) {
    return jdbc.sql("SELECT " + EVENT_COLUMNS + " FROM " + OUTBOX + " o WHERE o.STATE = ?"
            + " AND (o.NEXT_ATTEMPT_AT IS NULL OR o.NEXT_ATTEMPT_AT <= ?)"
            + " AND NOT EXISTS (SELECT 1 FROM " + OUTBOX + " e WHERE e.RES_TYPE = o.RES_TYPE AND e.RES_ID = o.RES_ID"
            + " AND e.EVENT_NUMBER < o.EVENT_NUMBER"
            + " AND (e.STATE = ? OR (e.STATE = ? AND e.NEXT_ATTEMPT_AT > ?)))"
            + " ORDER BY o.EVENT_NUMBER FETCH FIRST " + limit + " ROWS ONLY")
        .params(PENDING, at(now), PARKED, PENDING, at(now))
        .query(OutboxStore::event).list();
  }

  /** The events numbered {@code since} to {@code until}, in order, whatever their state. */
  List<OutboxEvent> events(long since, long until) {
    return jdbc.sql("SELECT " + EVENT_COLUMNS + " FROM " + OUTBOX
            + " WHERE EVENT_NUMBER >= ? AND EVENT_NUMBER <= ? ORDER BY EVENT_NUMBER")
        .params(since, until).query(OutboxStore::event).list();
  }

  List<OutboxEvent> parked() {
    return jdbc.sql("SELECT " + EVENT_COLUMNS + " FROM " + OUTBOX + " WHERE STATE = ? ORDER BY EVENT_NUMBER")
        .param(PARKED).query(OutboxStore::event).list();
  }

  /** The lowest event number still kept, if any. */
  Optional<Long> oldestNumber() {
    return Optional.ofNullable(jdbc.sql("SELECT MIN(EVENT_NUMBER) FROM " + OUTBOX).query(Long.class).single());
  }

  void delivered(long number, Instant now) {
    jdbc.sql("UPDATE " + OUTBOX + " SET STATE = ?, DELIVERED_AT = ?, OUTCOME = NULL WHERE EVENT_NUMBER = ?")
        .params(DELIVERED, at(now), number).update();
  }

  void park(long number, String outcome) {
    jdbc.sql("UPDATE " + OUTBOX + " SET STATE = ?, OUTCOME = ? WHERE EVENT_NUMBER = ?")
        .params(PARKED, truncate(outcome), number).update();
  }

  void retryLater(long number, int attempts, Instant at, String outcome) {
    jdbc.sql("UPDATE " + OUTBOX + " SET ATTEMPTS = ?, NEXT_ATTEMPT_AT = ?, OUTCOME = ? WHERE EVENT_NUMBER = ?")
        .params(attempts, at(at), truncate(outcome), number).update();
  }

  /** Parked events back to pending, all of them or the one numbered {@code number}; how many. */
  int release(Optional<Long> number) {
    String sql = "UPDATE " + OUTBOX + " SET STATE = ?, ATTEMPTS = 0, NEXT_ATTEMPT_AT = NULL WHERE STATE = ?";
    return number.isPresent()
        ? jdbc.sql(sql + " AND EVENT_NUMBER = ?").params(PENDING, PARKED, number.get()).update()
        : jdbc.sql(sql).params(PENDING, PARKED).update();
  }

  /** Rows not delivered yet, numbered or not. */
  long undelivered() {
    return jdbc.sql("SELECT COUNT(*) FROM " + OUTBOX + " WHERE STATE IN (?, ?)").params(NEW, PENDING)
        .query(Long.class).single();
  }

  long parkedCount() {
    return jdbc.sql("SELECT COUNT(*) FROM " + OUTBOX + " WHERE STATE = ?").param(PARKED).query(Long.class).single();
  }

  /** Forgets delivered events written before {@code before}; how many. */
  int purge(Instant before) {
    return jdbc.sql("DELETE FROM " + OUTBOX + " WHERE STATE = ? AND WRITTEN_AT < ?").params(DELIVERED, at(before))
        .update();
  }

  private static OutboxEvent event(ResultSet rs, int row) throws SQLException {
    Written write = new Written(rs.getString(2), rs.getString(3), rs.getLong(4), Operation.valueOf(rs.getString(5)),
        instant(rs, 6), rs.getString(7));
    return new OutboxEvent(rs.getLong(1), write, rs.getString(8), rs.getInt(9), rs.getString(10));
  }

  private static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static String truncate(String text) {
    return text == null || text.length() <= 2000 ? text : text.substring(0, 2000);
  }
}
