package health.sihha.hie.provider.stock;

/** Where a quantity is kept: one batch of a product (a Medication) at one Location, both by id part. */
record StockKey(String medicationId, String locationId) {

  String medication() {
    return "Medication/" + medicationId;
  }

  String location() {
    return "Location/" + locationId;
  }
}
