package health.sihha.hie.provider.aggregation.outbox;

import static health.sihha.hie.provider.aggregation.outbox.OutboxSchema.OUTBOX;
import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Timestamp;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

/**
 * Adds outbox rows through the JPA session of the write's own transaction, not beside it: Hibernate then flushes
 * the statements it holds for the write (a delete's removed index rows, say) before the row is inserted, instead of
 * seeing its pending batch interleaved with a statement it does not know of.
 */
final class OutboxRows {

  private final EntityManagerFactory entityManagers;

  OutboxRows(EntityManagerFactory entityManagers) {
    this.entityManagers = requireNonNull(entityManagers);
  }

  void add(Written write) {
    EntityManager session = EntityManagerFactoryUtils.getTransactionalEntityManager(entityManagers);
    if (session == null) {
      throw new IllegalStateException("an outbox row is written only in the transaction of its write");
    }
    session.createNativeQuery("INSERT INTO " + OUTBOX
            + " (RES_TYPE, RES_ID, RES_VERSION, OPERATION, WRITTEN_AT, RESOURCE_JSON, STATE) VALUES (?, ?, ?, ?, ?, ?, ?)")
        .setParameter(1, write.type())
        .setParameter(2, write.id())
        .setParameter(3, write.version())
        .setParameter(4, write.operation().name())
        .setParameter(5, Timestamp.from(write.writtenAt()))
        .setParameter(6, write.json())
        .setParameter(7, OutboxStore.NEW)
        .executeUpdate();
  }
}
