package health.sihha.hie.provider.aggregation.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two replicas' dispatchers numbering one PostgreSQL outbox while writers commit to it: every row gets exactly one
 * number, the numbers run 1..n without a gap, and each writer's rows (committed one after the other) are numbered in
 * their row order. {@code test.sh} creates the database; each run starts from an empty schema.
 */
class EventNumberingPostgresIT {

  private static final String URL = System.getProperty("sihha.it.postgres-url", "jdbc:postgresql://127.0.0.1:5432/")
      + "sihha_outbox_numbering";
  private static final String USER = System.getProperty("sihha.it.postgres-user", "sihha");
  private static final String PASSWORD = System.getProperty("sihha.it.postgres-password", "sihha");
  private static final int WRITERS = 4;
  private static final int ROWS_PER_WRITER = 150;

  private final DriverManagerDataSource dataSource = new DriverManagerDataSource(URL, USER, PASSWORD);
  private final JdbcClient jdbc = JdbcClient.create(dataSource);

  @BeforeEach
  void emptySchema() throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
      statement.execute("CREATE SCHEMA public");
    }
    new OutboxSchema(jdbc).create();
    new OutboxStore(jdbc).ensureSubscription(MinistrySubscription.ID, OutboxDispatcher.REQUESTED);
  }

  @Test
  void twoDispatchersNumberEveryRowOnceWithoutGapsInRowOrder() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 2);
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      String resource = "writer-" + w;
      writers.add(threads.submit(() -> write(resource)));
    }
    List<Future<Integer>> dispatchers = List.of(threads.submit(() -> numberWhile(writing)),
        threads.submit(() -> numberWhile(writing)));
    for (Future<?> writer : writers) {
      writer.get(2, TimeUnit.MINUTES);
    }
    writing.set(false);
    int numbered = 0;
    for (Future<Integer> dispatcher : dispatchers) {
      numbered += dispatcher.get(1, TimeUnit.MINUTES);
    }
    threads.shutdown();

    int rows = WRITERS * ROWS_PER_WRITER;
    assertThat(numbered).isEqualTo(rows);
    List<Long> numbers = jdbc.sql("SELECT EVENT_NUMBER FROM SIHHA_OUTBOX ORDER BY EVENT_NUMBER").query(Long.class)
        .list();
    assertThat(numbers).containsExactlyElementsOf(LongStream.rangeClosed(1, rows).boxed().toList());
    assertThat(new OutboxStore(jdbc).subscription(MinistrySubscription.ID).orElseThrow().lastNumber())
        .isEqualTo(rows);
    for (int w = 0; w < WRITERS; w++) {
      List<Long> byRow = jdbc.sql("SELECT EVENT_NUMBER FROM SIHHA_OUTBOX WHERE RES_ID = ? ORDER BY ID")
          .param("writer-" + w).query(Long.class).list();
      assertThat(byRow).as("writer-" + w + " in row order").isSorted();
    }
  }

  /** One writer: each row in a transaction of its own, as each clinical write is. */
  private void write(String resource) {
    OutboxStore outbox = new OutboxStore(jdbc);
    TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    for (long version = 1; version <= ROWS_PER_WRITER; version++) {
      Written write = new Written("Patient", resource, version, Operation.UPDATE, Instant.now(), "{}");
      transactions.executeWithoutResult(status -> outbox.add(write));
    }
  }

  /** One replica's numbering, until the writers are done and nothing waits; how many rows it numbered. */
  private int numberWhile(AtomicBoolean writing) {
    EventNumbering numbering = new EventNumbering(new OutboxStore(jdbc),
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)), MinistrySubscription.ID);
    int numbered = 0;
    while (true) {
      boolean more = writing.get();
      int batch = numbering.numberWaiting();
      numbered += batch;
      if (!more && batch == 0) {
        return numbered;
      }
    }
  }
}
