package health.sihha.hie.provider.aggregation.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox's SQL on H2: numbering, what may go, per-resource order, parking and release. */
class OutboxStoreTest {

  private final DriverManagerDataSource dataSource =
      new DriverManagerDataSource("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
  private final OutboxStore outbox = new OutboxStore(JdbcClient.create(dataSource));
  private final EventNumbering numbering = new EventNumbering(outbox,
      new TransactionTemplate(new DataSourceTransactionManager(dataSource)), MinistrySubscription.ID);

  @BeforeEach
  void schema() {
    new OutboxSchema(JdbcClient.create(dataSource)).create();
    outbox.ensureSubscription(MinistrySubscription.ID, OutboxDispatcher.REQUESTED);
  }

  @Test
  void rowsAreNumberedInRowOrderAndAParkedEventHoldsBackOnlyItsResource() {
    Instant now = Instant.now();
    outbox.add(new Written("Patient", "a", 1, Operation.CREATE, now, "{}"));
    outbox.add(new Written("Patient", "b", 1, Operation.CREATE, now, "{}"));
    outbox.add(new Written("Patient", "a", 2, Operation.UPDATE, now, "{}"));
    outbox.add(new Written("Patient", "c", 1, Operation.CREATE, now, "{}"));

    assertThat(numbering.numberWaiting()).isEqualTo(4);
    assertThat(numbering.numberWaiting()).isZero();
    assertThat(outbox.subscription(MinistrySubscription.ID).orElseThrow().lastNumber()).isEqualTo(4);
    assertThat(numbers(outbox.deliverable(now.plusSeconds(1), 10))).containsExactly(1L, 2L, 3L, 4L);

    outbox.park(1, "400");
    assertThat(numbers(outbox.deliverable(now.plusSeconds(1), 10))).containsExactly(2L, 4L);
    assertThat(OutboxDispatcher.consecutive(outbox.deliverable(now.plusSeconds(1), 10))).hasSize(1);
    outbox.delivered(2, now);
    outbox.delivered(4, now);
    assertThat(outbox.deliverable(now.plusSeconds(1), 10)).isEmpty();

    assertThat(outbox.release(Optional.of(1L))).isEqualTo(1);
    assertThat(numbers(outbox.deliverable(now.plusSeconds(1), 10))).containsExactly(1L, 3L);
    outbox.delivered(1, now);
    assertThat(numbers(outbox.deliverable(now.plusSeconds(1), 10))).containsExactly(3L);
  }

  @Test
  void anEventWaitingForItsNextAttemptHoldsBackTheLaterVersionsOfItsResourceUntilThen() {
    Instant now = Instant.now();
    outbox.add(new Written("Observation", "a", 1, Operation.CREATE, now, "{}"));
    outbox.add(new Written("Observation", "a", 2, Operation.UPDATE, now, "{}"));
    outbox.add(new Written("Observation", "b", 1, Operation.CREATE, now, "{}"));
    numbering.numberWaiting();

    outbox.retryLater(1, 1, now.plusSeconds(10), "500");
    assertThat(numbers(outbox.deliverable(now.plusSeconds(1), 10))).containsExactly(3L);
    assertThat(numbers(outbox.deliverable(now.plusSeconds(11), 10))).containsExactly(1L, 2L, 3L);
  }

  @Test
  void theLeaseIsHeldByOneOwnerUntilItExpires() {
    Instant now = Instant.now();
    assertThat(outbox.lease(MinistrySubscription.ID, "one", now, now.plusSeconds(60))).isTrue();
    assertThat(outbox.lease(MinistrySubscription.ID, "two", now, now.plusSeconds(60))).isFalse();
    assertThat(outbox.lease(MinistrySubscription.ID, "one", now, now.plusSeconds(60))).isTrue();
    assertThat(outbox.lease(MinistrySubscription.ID, "two", now.plusSeconds(61), now.plusSeconds(120))).isTrue();
  }

  private static List<Long> numbers(List<OutboxEvent> events) {
    return events.stream().map(OutboxEvent::number).toList();
  }
}
