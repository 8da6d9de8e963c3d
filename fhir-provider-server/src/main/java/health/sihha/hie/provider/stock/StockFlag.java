package health.sihha.hie.provider.stock;

/** The codes of {@code https://sihha.health/fhir/CodeSystem/stock-flag}. */
enum StockFlag {
  LOW_STOCK("low-stock", "Low stock"),
  NEAR_EXPIRY("near-expiry", "Batch near expiry"),
  EXPIRED("expired", "Expired batch in stock");

  private final String code;
  private final String display;

  StockFlag(String code, String display) {
    this.code = code;
    this.display = display;
  }

  String code() {
    return code;
  }

  String display() {
    return display;
  }

  /** The identifier value of the Flag raised for this condition of one batch at one location. */
  String identifierFor(StockKey key) {
    return code + ":" + key.medication() + ":" + key.location();
  }
}
