package health.sihha.hie.server.schema;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.SchemaMigrator;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates or upgrades the HAPI JPA schema with HAPI's own migration tasks before Hibernate starts, so the schema of a
 * production database is the one HAPI releases and tests, never Hibernate's guess.
 */
public final class HapiSchemaMigration {

  private static final Logger log = LoggerFactory.getLogger(HapiSchemaMigration.class);

  private final DataSource dataSource;

  public HapiSchemaMigration(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Runs every pending task; safe to call on every start (applied tasks are recorded in the migration table). */
  public MigrationResult migrate() {
    DriverTypeEnum driver = driverOf(dataSource);
    HapiMigrator migrator = new HapiMigrator(SchemaMigrator.HAPI_FHIR_MIGRATION_TABLENAME, dataSource, driver);
    migrator.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
    long start = System.nanoTime();
    migrator.createMigrationTableIfRequired();
    MigrationResult result = migrator.migrate();
    log.info("HAPI schema migration on {}: {} tasks applied, {} failed, in {} ms", driver,
        result.succeededTasks.size(), result.failedTasks.size(), (System.nanoTime() - start) / 1_000_000);
    if (!result.failedTasks.isEmpty()) {
      throw new IllegalStateException("HAPI schema migration failed: " + result.summary());
    }
    return result;
  }

  private static DriverTypeEnum driverOf(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
      if (product.contains("postgres")) {
        return DriverTypeEnum.POSTGRES_9_4;
      }
      if (product.contains("h2")) {
        return DriverTypeEnum.H2_EMBEDDED;
      }
      throw new IllegalStateException("unsupported database for HAPI migrations: " + product);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reach the database to migrate it", e);
    }
  }
}
