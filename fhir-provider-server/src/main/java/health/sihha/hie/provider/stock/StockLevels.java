package health.sihha.hie.provider.stock;

import jakarta.annotation.Nullable;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The stock table, through JDBC on HAPI's DataSource. Inside a HAPI write the statements run on the connection of
 * HAPI's transaction (JpaTransactionManager binds it), so they commit or roll back with the resource.
 */
final class StockLevels {

  private static final String TABLE = StockSchema.TABLE;
  private static final String COLUMNS = "MEDICATION_ID, LOCATION_ID, QUANTITY, UNIT";

  private final JdbcClient jdbc;
  private final Clock clock;

  StockLevels(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Optional<StockLevel> find(StockKey key) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE MEDICATION_ID = ? AND LOCATION_ID = ?")
        .params(key.medicationId(), key.locationId()).query(StockLevels::level).optional();
  }

  /** Adds to a level, creating it (in {@code unit}) on the first receipt. */
  void add(StockKey key, BigDecimal quantity, String unit) {
    int updated = jdbc.sql("UPDATE " + TABLE + " SET QUANTITY = QUANTITY + ?, UPDATED = ? "
            + "WHERE MEDICATION_ID = ? AND LOCATION_ID = ?")
        .params(quantity, now(), key.medicationId(), key.locationId()).update();
    if (updated == 0) {
      jdbc.sql("INSERT INTO " + TABLE + " (" + COLUMNS + ", UPDATED) VALUES (?, ?, ?, ?, ?)")
          .params(key.medicationId(), key.locationId(), quantity, unit, now()).update();
    }
  }

  /**
   * Takes from a level in one statement that never lets it go below zero, so concurrent takes cannot overdraw.
   *
   * @return false, changing nothing, when less than {@code quantity} is on hand
   */
  boolean take(StockKey key, BigDecimal quantity) {
    return jdbc.sql("UPDATE " + TABLE + " SET QUANTITY = QUANTITY - ?, UPDATED = ? "
            + "WHERE MEDICATION_ID = ? AND LOCATION_ID = ? AND QUANTITY >= ?")
        .params(quantity, now(), key.medicationId(), key.locationId(), quantity).update() == 1;
  }

  /** Levels, optionally of one Medication and/or one Location, empty ones only if asked for. */
  List<StockLevel> list(@Nullable String medicationId, @Nullable String locationId, boolean includeEmpty) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (medicationId != null) {
      sql.append(" AND MEDICATION_ID = ?");
      params.add(medicationId);
    }
    if (locationId != null) {
      sql.append(" AND LOCATION_ID = ?");
      params.add(locationId);
    }
    if (!includeEmpty) {
      sql.append(" AND QUANTITY > 0");
    }
    sql.append(" ORDER BY MEDICATION_ID, LOCATION_ID");
    return jdbc.sql(sql.toString()).params(params).query(StockLevels::level).list();
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static StockLevel level(ResultSet row, int number) throws SQLException {
    return new StockLevel(new StockKey(row.getString(1), row.getString(2)), row.getBigDecimal(3).stripTrailingZeros(),
        row.getString(4));
  }
}
