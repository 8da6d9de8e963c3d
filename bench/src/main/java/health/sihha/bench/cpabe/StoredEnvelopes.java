package health.sihha.bench.cpabe;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sealed versions a stopped ministry's H2 database holds, per resource type, from its envelope index
 * ({@code SIHHA_CPABE_ENVELOPE}, one row per stored sealed version): the proof, read beside the REST API, that the
 * sealed run stored envelopes and the unsealed run none.
 */
final class StoredEnvelopes {

  private StoredEnvelopes() {}

  /** Sealed versions per type in the database of the ministry whose {@code sihha.fhir.data-dir} is {@code dataDir}. */
  static Map<String, Long> count(Path dataDir) {
    String url = "jdbc:h2:file:" + dataDir.resolve("h2/fhir").toAbsolutePath() + ";ACCESS_MODE_DATA=r";
    Map<String, Long> counts = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection(url, "sa", "");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT RES_TYPE, COUNT(*) FROM SIHHA_CPABE_ENVELOPE GROUP BY RES_TYPE ORDER BY RES_TYPE")) {
      while (rows.next()) {
        counts.put(rows.getString(1), rows.getLong(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the envelope index of " + url, e);
    }
    return counts;
  }
}
