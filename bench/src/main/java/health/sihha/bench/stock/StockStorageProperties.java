package health.sihha.bench.stock;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The few {@link JpaStorageSettings} a benchmark may change on the stock server, from {@code stock-hapi.storage.*}.
 * Unset values keep HAPI's defaults, so the ingest baseline stays {@code new JpaStorageSettings()}; the
 * {@code terminology} profile of {@code stock-hapi.yaml} sets what a 95,000-code terminology needs, in the open.
 *
 * @param maximumExpansionSize largest ValueSet expansion HAPI builds (HAPI default 1,000)
 * @param preExpandValueSets whether HAPI pre-expands ValueSets into its terminology tables (HAPI default true)
 * @param deferIndexingForCodesystemsOfSize concepts stored inside an upload request before the rest go to the
 *     deferred storage queue (HAPI default 100)
 */
@ConfigurationProperties("stock-hapi.storage")
record StockStorageProperties(
    Integer maximumExpansionSize, Boolean preExpandValueSets, Integer deferIndexingForCodesystemsOfSize) {

  JpaStorageSettings toSettings() {
    JpaStorageSettings settings = new JpaStorageSettings();
    if (maximumExpansionSize != null) {
      settings.setMaximumExpansionSize(maximumExpansionSize);
    }
    if (preExpandValueSets != null) {
      settings.setPreExpandValueSets(preExpandValueSets);
    }
    if (deferIndexingForCodesystemsOfSize != null) {
      settings.setDeferIndexingForCodesystemsOfSize(deferIndexingForCodesystemsOfSize);
    }
    return settings;
  }
}
