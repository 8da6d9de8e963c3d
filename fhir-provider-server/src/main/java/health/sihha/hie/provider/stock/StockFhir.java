package health.sihha.hie.provider.stock;

/** The URLs of the medication stock model agreed with the Implementation Guide. */
final class StockFhir {

  static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
  static final String REORDER_LEVEL = "https://sihha.health/fhir/StructureDefinition/reorder-level";
  static final String STOCK_LOCATION = "https://sihha.health/fhir/StructureDefinition/stock-location";
  static final String FLAG_CODES = "https://sihha.health/fhir/CodeSystem/stock-flag";
  static final String FLAG_IDENTIFIERS = "https://sihha.health/fhir/sid/stock-flag";
  static final String FLAG_CATEGORY = "http://terminology.hl7.org/CodeSystem/flag-category";

  private StockFhir() {}
}
