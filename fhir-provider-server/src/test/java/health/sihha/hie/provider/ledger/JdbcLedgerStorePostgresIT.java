package health.sihha.hie.provider.ledger;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** {@link JdbcLedgerStoreTest} on PostgreSQL; {@code test.sh} creates the database, each test empties its schema. */
class JdbcLedgerStorePostgresIT extends JdbcLedgerStoreTest {

  private static final String URL = System.getProperty("sihha.it.postgres-url", "jdbc:postgresql://127.0.0.1:5432/")
      + "sihha_ledger_store";
  private static final String USER = System.getProperty("sihha.it.postgres-user", "sihha");
  private static final String PASSWORD = System.getProperty("sihha.it.postgres-password", "sihha");

  @Override
  DataSource emptyDatabase() throws SQLException {
    DriverManagerDataSource dataSource = new DriverManagerDataSource(URL, USER, PASSWORD);
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
      statement.execute("CREATE SCHEMA public");
    }
    return dataSource;
  }
}
