package health.sihha.bench.run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The local PostgreSQL the benchmarks' servers store to with the {@code postgres} profile: databases created
 * beforehand, owned by {@code sihha} (see the bench README), emptied by the benchmark before each run.
 */
public final class PostgresDatabases {

  private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

  private PostgresDatabases() {}

  /** The JDBC URL of a database on the local server. */
  public static String url(String database) {
    return SERVER + database;
  }

  /**
   * Drops and recreates each database's {@code public} schema, as user {@code SIHHA_DB_USER} with password
   * {@code SIHHA_DB_PASSWORD} (both {@code sihha} by default, as for the servers).
   */
  public static void empty(List<String> databases) {
    String user = System.getenv().getOrDefault("SIHHA_DB_USER", "sihha");
    String password = System.getenv().getOrDefault("SIHHA_DB_PASSWORD", "sihha");
    for (String database : databases) {
      try (Connection connection = DriverManager.getConnection(url(database), user, password);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
        statement.execute("CREATE SCHEMA public");
      } catch (SQLException e) {
        throw new IllegalStateException("cannot empty " + database + " (create it first, owned by " + user + ")", e);
      }
    }
  }
}
