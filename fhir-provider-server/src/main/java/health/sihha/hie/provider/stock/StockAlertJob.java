package health.sihha.hie.provider.stock;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Quantity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily stock alerts: for every stock level, an active Flag per condition that holds (low stock, batch near
 * expiry, expired batch in stock), and the Flag of a condition that no longer holds set inactive.
 */
final class StockAlertJob {

  /** What one run changed. */
  record Run(int raised, int cleared) {}

  private static final Logger log = LoggerFactory.getLogger(StockAlertJob.class);

  private final StockLevels levels;
  private final IFhirResourceDao<Medication> medications;
  private final StockFlags flags;
  private final StockProperties properties;
  private final Clock clock;

  StockAlertJob(StockLevels levels, IFhirResourceDao<Medication> medications, StockFlags flags,
      StockProperties properties, Clock clock) {
    this.levels = levels;
    this.medications = medications;
    this.flags = flags;
    this.properties = properties;
    this.clock = clock;
  }

  synchronized Run run() {
    LocalDate today = LocalDate.now(clock);
    Map<String, Flag> active = flags.active();
    Set<String> holding = new HashSet<>();
    int raised = 0;
    for (StockLevel level : levels.list(null, null, true)) {
      Optional<Medication> medication = medication(level.key());
      for (StockFlag condition : medication.map(m -> conditions(level, m, today)).orElse(Set.of())) {
        String identifier = condition.identifierFor(level.key());
        holding.add(identifier);
        if (!active.containsKey(identifier)) {
          flags.raise(condition, level.key(), text(condition, level, medication.get()));
          raised++;
        }
      }
    }
    int cleared = 0;
    for (Map.Entry<String, Flag> flag : active.entrySet()) {
      if (!holding.contains(flag.getKey())) {
        flags.clear(flag.getValue());
        cleared++;
      }
    }
    log.info("stock alerts: {} raised, {} cleared, {} active", raised, cleared, holding.size());
    return new Run(raised, cleared);
  }

  private Set<StockFlag> conditions(StockLevel level, Medication medication, LocalDate today) {
    Set<StockFlag> conditions = EnumSet.noneOf(StockFlag.class);
    LocalDate expiry = medication.getBatch().hasExpirationDate()
        ? FhirDates.lastDay(medication.getBatch().getExpirationDateElement(), clock.getZone()) : null;
    boolean expired = expiry != null && expiry.isBefore(today);
    boolean inStock = level.quantity().signum() > 0;
    if (!expired && level.quantity().compareTo(reorderLevel(medication)) < 0) {
      conditions.add(StockFlag.LOW_STOCK);
    }
    if (inStock && expiry != null && !expired
        && !expiry.isAfter(today.plusDays(properties.expiryWarning().toDays()))) {
      conditions.add(StockFlag.NEAR_EXPIRY);
    }
    if (inStock && expired) {
      conditions.add(StockFlag.EXPIRED);
    }
    return conditions;
  }

  private BigDecimal reorderLevel(Medication medication) {
    return medication.getExtensionsByUrl(StockFhir.REORDER_LEVEL).stream()
        .map(Extension::getValue).filter(Quantity.class::isInstance).map(Quantity.class::cast)
        .filter(Quantity::hasValue).map(Quantity::getValue)
        .findFirst().orElse(properties.defaultReorderLevel());
  }

  private Optional<Medication> medication(StockKey key) {
    try {
      return Optional.of(medications.read(new IdType("Medication", key.medicationId()), new SystemRequestDetails()));
    } catch (ResourceNotFoundException | ResourceGoneException gone) {
      return Optional.empty();
    }
  }

  private static String text(StockFlag condition, StockLevel level, Medication medication) {
    String product = medication.getCode().hasText() ? medication.getCode().getText()
        : medication.getCode().getCodingFirstRep().getCode();
    return condition.display() + ": " + StockBalances.plain(level.quantity()) + " " + level.unit() + " of "
        + product + " lot " + medication.getBatch().getLotNumber() + " (" + level.key().medication() + ") at "
        + level.key().location()
        + (medication.getBatch().hasExpirationDate()
            ? ", expires " + medication.getBatch().getExpirationDateElement().getValueAsString() : "");
  }
}
