package health.sihha.hie.provider.stock;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Creates the stock table and its index if they are missing; the statements run unchanged on H2 and PostgreSQL. */
final class StockSchema {

  static final String TABLE = "SIHHA_STOCK_LEVEL";

  private final JdbcClient jdbc;

  StockSchema(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void create() {
    jdbc.sql("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
        + "MEDICATION_ID VARCHAR(64) NOT NULL, "
        + "LOCATION_ID VARCHAR(64) NOT NULL, "
        + "QUANTITY DECIMAL(19, 4) NOT NULL, "
        + "UNIT VARCHAR(200) NOT NULL, "
        + "UPDATED TIMESTAMP NOT NULL, "
        + "CONSTRAINT SIHHA_STOCK_LEVEL_PK PRIMARY KEY (MEDICATION_ID, LOCATION_ID), "
        + "CONSTRAINT SIHHA_STOCK_LEVEL_NOT_NEGATIVE CHECK (QUANTITY >= 0))").update();
    jdbc.sql("CREATE INDEX IF NOT EXISTS SIHHA_STOCK_LEVEL_LOCATION ON " + TABLE + " (LOCATION_ID)").update();
  }
}
