package health.sihha.hie.provider.stock;

import java.math.BigDecimal;

/** On-hand quantity of one batch at one location. */
record StockLevel(StockKey key, BigDecimal quantity, String unit) {}
