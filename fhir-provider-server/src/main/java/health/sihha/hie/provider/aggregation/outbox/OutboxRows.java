package health.sihha.hie.provider.aggregation.outbox;

import static health.sihha.hie.provider.aggregation.outbox.OutboxSchema.OUTBOX;
import static java.util.Objects.requireNonNull;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.sql.Timestamp;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;

/**
 * Adds outbox rows in the write's own transaction. A delete's row goes through the JPA session, which first runs the
 * statements Hibernate holds for the deletion (its removed index rows): a plain JDBC statement beside that pending
 * batch made deletes fail now and then with HAPI-0826. Creates and updates go by JDBC on the same connection, so a
 * conflict between concurrent writes still surfaces where their own code (the beds' 409) expects it.
 */
final class OutboxRows {

  private final EntityManagerFactory entityManagers;
  private final OutboxStore jdbc;

  OutboxRows(EntityManagerFactory entityManagers, OutboxStore jdbc) {
    this.entityManagers = requireNonNull(entityManagers);
    this.jdbc = requireNonNull(jdbc);
  }

  void add(Written write) {
    if (write.operation() != Operation.DELETE) {
      jdbc.add(write);
      return;
    }
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
