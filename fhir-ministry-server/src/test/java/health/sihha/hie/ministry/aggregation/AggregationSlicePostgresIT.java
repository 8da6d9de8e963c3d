package health.sihha.hie.ministry.aggregation;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The aggregation slice on PostgreSQL with the {@code postgres} profile, schema created by HAPI's migrator.
 * {@code .ci/run} starts PostgreSQL and creates the role and the two databases; each run starts from empty schemas.
 */
class AggregationSlicePostgresIT extends AggregationSliceIT {

  private static final String URL = System.getProperty("sihha.it.postgres-url", "jdbc:postgresql://127.0.0.1:5432/");
  private static final String USER = System.getProperty("sihha.it.postgres-user", "sihha");
  private static final String PASSWORD = System.getProperty("sihha.it.postgres-password", "sihha");

  @Override
  void prepareStorage() throws SQLException {
    for (String database : List.of("sihha_it_ministry", "sihha_it_provider")) {
      try (Connection connection = DriverManager.getConnection(URL + database, USER, PASSWORD);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
        statement.execute("CREATE SCHEMA public");
      }
    }
  }

  @Override
  List<String> ministryArgs() {
    return database("sihha_it_ministry");
  }

  @Override
  List<String> providerArgs() {
    return database("sihha_it_provider");
  }

  @Override
  String variant() {
    return "postgres";
  }

  /** The database is what this variant is about; the secured delivery path is covered by the H2 slice. */
  @Override
  boolean secured() {
    return false;
  }

  private static List<String> database(String name) {
    return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + URL + name,
        "--spring.datasource.username=" + USER, "--spring.datasource.password=" + PASSWORD);
  }
}
