package health.sihha.hie.provider.aggregation.outbox;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives committed outbox rows their event numbers, after commit: in one transaction holding the lock on the
 * Subscription's counter row, the rows not numbered yet get the next numbers in row order. A replica that waits for
 * the lock sees, once it has it, the rows the other one numbered, so numbers start at 1, have no gaps and never
 * repeat however many replicas run; a write committing late just gets a later number.
 */
final class EventNumbering {

  private static final int BATCH = 1000;

  private final OutboxStore outbox;
  private final TransactionTemplate transactions;
  private final String subscription;

  EventNumbering(OutboxStore outbox, TransactionTemplate transactions, String subscription) {
    this.outbox = requireNonNull(outbox);
    this.transactions = requireNonNull(transactions);
    this.subscription = requireNonNull(subscription);
  }

  /** Numbers up to a batch of waiting rows; how many it numbered. */
  int numberWaiting() {
    Integer numbered = transactions.execute(status -> {
      long last = outbox.lockCounter(subscription);
      List<Long> rows = outbox.unnumbered(BATCH);
      for (long row : rows) {
        outbox.number(row, ++last);
      }
      if (!rows.isEmpty()) {
        outbox.setLastNumber(subscription, last);
      }
      return rows.size();
    });
    return numbered == null ? 0 : numbered;
  }
}
