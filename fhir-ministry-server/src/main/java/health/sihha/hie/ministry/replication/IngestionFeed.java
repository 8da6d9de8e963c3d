package health.sihha.hie.ministry.replication;

import static java.util.Objects.requireNonNull;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event numbers received from each provider's Subscription: {@code SIHHA_INGESTION_FEED} holds, per provider and
 * Subscription, the highest number below which all were received ({@code CONTIGUOUS}), the highest number known to
 * exist ({@code HIGHEST_SEEN}, from events and from the heartbeat's count) and when the provider was last heard;
 * {@code SIHHA_INGESTION_FEED_EVENT} the numbers received above the contiguous mark. Updates lock the feed row, so
 * concurrent deliveries and several ministry instances keep it exact.
 */
@Repository
class IngestionFeed {

  private final JdbcTemplate jdbc;
  private final TransactionTemplate transactions;

  IngestionFeed(DataSource dataSource, PlatformTransactionManager transactionManager) {
    this.jdbc = new JdbcTemplate(requireNonNull(dataSource));
    this.transactions = new TransactionTemplate(transactionManager);
    jdbc.execute("CREATE TABLE IF NOT EXISTS SIHHA_INGESTION_FEED (PROVIDER VARCHAR(32) NOT NULL,"
        + " SUBSCRIPTION VARCHAR(64) NOT NULL, CONTIGUOUS BIGINT NOT NULL, HIGHEST_SEEN BIGINT NOT NULL,"
        + " LAST_HEARD TIMESTAMP, PRIMARY KEY (PROVIDER, SUBSCRIPTION))");
    jdbc.execute("CREATE TABLE IF NOT EXISTS SIHHA_INGESTION_FEED_EVENT (PROVIDER VARCHAR(32) NOT NULL,"
        + " SUBSCRIPTION VARCHAR(64) NOT NULL, EVENT_NUMBER BIGINT NOT NULL,"
        + " PRIMARY KEY (PROVIDER, SUBSCRIPTION, EVENT_NUMBER))");
  }

  /** One feed: what was received of it and when the provider was last heard. */
  record Feed(String provider, String subscription, long contiguous, long highestSeen, Instant lastHeard) {}

  /** A run of missing event numbers, both ends included. */
  record Gap(long from, long to) {}

  /** Records event numbers settled (applied or refused for good) and the count the provider reported. */
  void received(String provider, String subscription, Collection<Long> numbers, long eventsSinceStart) {
    ensureRow(provider, subscription);
    transactions.executeWithoutResult(tx -> {
      Feed feed = lock(provider, subscription);
      Set<Long> above = new TreeSet<>();
      numbers.stream().filter(n -> n > feed.contiguous()).forEach(above::add);
      above.removeAll(receivedAbove(provider, subscription));
      above.forEach(n -> jdbc.update("INSERT INTO SIHHA_INGESTION_FEED_EVENT (PROVIDER, SUBSCRIPTION, EVENT_NUMBER)"
          + " VALUES (?, ?, ?)", provider, subscription, n));
      long highest = Math.max(feed.highestSeen(), eventsSinceStart);
      for (long n : numbers) {
        highest = Math.max(highest, n);
      }
      advance(provider, subscription, feed.contiguous(), highest);
    });
  }

  /** Gives up numbers up to {@code through}: the provider no longer has them ({@code 410}); reconciliation will. */
  void skip(String provider, String subscription, long through) {
    transactions.executeWithoutResult(tx -> {
      Feed feed = lock(provider, subscription);
      jdbc.update("DELETE FROM SIHHA_INGESTION_FEED_EVENT WHERE PROVIDER = ? AND SUBSCRIPTION = ? AND EVENT_NUMBER <= ?",
          provider, subscription, through);
      advance(provider, subscription, Math.max(feed.contiguous(), through), Math.max(feed.highestSeen(), through));
    });
  }

  List<Feed> all() {
    return jdbc.query("SELECT PROVIDER, SUBSCRIPTION, CONTIGUOUS, HIGHEST_SEEN, LAST_HEARD FROM SIHHA_INGESTION_FEED",
        (row, n) -> new Feed(row.getString(1), row.getString(2), row.getLong(3), row.getLong(4),
            row.getTimestamp(5) == null ? Instant.EPOCH : row.getTimestamp(5).toInstant()));
  }

  /** The numbers missing of {@code feed}: between its contiguous mark and the highest number known. */
  List<Gap> gaps(Feed feed) {
    List<Gap> gaps = new ArrayList<>();
    long expected = feed.contiguous() + 1;
    for (long n : receivedAbove(feed.provider(), feed.subscription())) {
      if (n > expected) {
        gaps.add(new Gap(expected, n - 1));
      }
      expected = n + 1;
    }
    if (expected <= feed.highestSeen()) {
      gaps.add(new Gap(expected, feed.highestSeen()));
    }
    return gaps;
  }

  /** Moves the contiguous mark over the numbers received right above it, which need no row of their own then. */
  private void advance(String provider, String subscription, long contiguous, long highest) {
    long mark = contiguous;
    for (long n : receivedAbove(provider, subscription)) {
      if (n != mark + 1) {
        break;
      }
      mark = n;
    }
    jdbc.update("DELETE FROM SIHHA_INGESTION_FEED_EVENT WHERE PROVIDER = ? AND SUBSCRIPTION = ? AND EVENT_NUMBER <= ?",
        provider, subscription, mark);
    jdbc.update("UPDATE SIHHA_INGESTION_FEED SET CONTIGUOUS = ?, HIGHEST_SEEN = ?, LAST_HEARD = ?"
        + " WHERE PROVIDER = ? AND SUBSCRIPTION = ?", mark, Math.max(highest, mark), Timestamp.from(Instant.now()),
        provider, subscription);
  }

  private List<Long> receivedAbove(String provider, String subscription) {
    return jdbc.queryForList("SELECT EVENT_NUMBER FROM SIHHA_INGESTION_FEED_EVENT WHERE PROVIDER = ? AND SUBSCRIPTION = ?"
        + " ORDER BY EVENT_NUMBER", Long.class, provider, subscription);
  }

  private Feed lock(String provider, String subscription) {
    return jdbc.queryForObject("SELECT CONTIGUOUS, HIGHEST_SEEN, LAST_HEARD FROM SIHHA_INGESTION_FEED"
            + " WHERE PROVIDER = ? AND SUBSCRIPTION = ? FOR UPDATE",
        (row, n) -> new Feed(provider, subscription, row.getLong(1), row.getLong(2),
            row.getTimestamp(3) == null ? Instant.EPOCH : row.getTimestamp(3).toInstant()),
        provider, subscription);
  }

  /** Outside any transaction, so that a lost insert race (the other inserted it) fails nothing. */
  private void ensureRow(String provider, String subscription) {
    Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM SIHHA_INGESTION_FEED WHERE PROVIDER = ? AND SUBSCRIPTION = ?",
        Integer.class, provider, subscription);
    if (found != null && found > 0) {
      return;
    }
    try {
      jdbc.update("INSERT INTO SIHHA_INGESTION_FEED (PROVIDER, SUBSCRIPTION, CONTIGUOUS, HIGHEST_SEEN, LAST_HEARD)"
          + " VALUES (?, ?, 0, 0, ?)", provider, subscription, Timestamp.from(Instant.now()));
    } catch (DuplicateKeyException insertedMeanwhile) {
      // a concurrent delivery inserted it: the row is there, which is all this asked for
    }
  }
}
