package health.sihha.hie.ministry.cpabe.authority;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.interceptors.cpabe.scheme.PublicParameters;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The national database's record of the CP-ABE setup its content is sealed under ({@code SIHHA_CPABE_SETUP}: setup
 * id, public parameters, current key epoch). It holds nothing secret; it is what lets a ministry refuse to start with
 * a master key that is not the database's (a wrong or lost key file), and what every ministry instance reads the
 * epoch from.
 */
final class SetupRecord {

  private final JdbcTemplate jdbc;

  SetupRecord(DataSource dataSource) {
    this.jdbc = new JdbcTemplate(requireNonNull(dataSource));
    jdbc.execute("CREATE TABLE IF NOT EXISTS SIHHA_CPABE_SETUP (SETUP_ID VARCHAR(32) NOT NULL PRIMARY KEY,"
        + " PUBLIC_PARAMETERS VARCHAR(2000) NOT NULL, EPOCH BIGINT NOT NULL)");
  }

  /**
   * Records {@code parameters} as the database's setup when it has none, and fails when it has another: content
   * sealed under one setup cannot be opened with another's keys.
   */
  void claim(PublicParameters parameters) {
    List<String> held = jdbc.queryForList("SELECT SETUP_ID FROM SIHHA_CPABE_SETUP", String.class);
    if (held.isEmpty()) {
      try {
        jdbc.update("INSERT INTO SIHHA_CPABE_SETUP (SETUP_ID, PUBLIC_PARAMETERS, EPOCH) VALUES (?, ?, 1)",
            parameters.setupIdHex(), HexFormat.of().formatHex(parameters.toBytes()));
        return;
      } catch (DuplicateKeyException claimedMeanwhile) {
        held = jdbc.queryForList("SELECT SETUP_ID FROM SIHHA_CPABE_SETUP", String.class);
      }
    }
    if (!held.equals(List.of(parameters.setupIdHex()))) {
      throw new IllegalStateException("the CP-ABE master key (setup " + parameters.setupIdHex() + ") is not the one"
          + " this national database is sealed under (setup " + String.join(", ", held) + "): restore the backed-up"
          + " master key file (sihha.ministry.cpabe.master-key-file)");
    }
  }

  /** The setup id the database is sealed under, if it has one. */
  Optional<String> setupId() {
    return jdbc.queryForList("SELECT SETUP_ID FROM SIHHA_CPABE_SETUP", String.class).stream().findFirst();
  }

  long epoch() {
    return jdbc.queryForObject("SELECT EPOCH FROM SIHHA_CPABE_SETUP", Long.class);
  }

  /** Moves the epoch one forward and returns it. */
  long advanceEpoch() {
    jdbc.update("UPDATE SIHHA_CPABE_SETUP SET EPOCH = EPOCH + 1");
    return epoch();
  }
}
