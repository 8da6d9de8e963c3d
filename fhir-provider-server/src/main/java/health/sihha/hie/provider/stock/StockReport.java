package health.sihha.hie.provider.stock;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/** On-hand stock per product, batch and location, as the {@code $stock} operation returns it. */
final class StockReport {

  private final StockLevels levels;
  private final IFhirResourceDao<Medication> medications;
  private final ZoneId zone;

  StockReport(StockLevels levels, IFhirResourceDao<Medication> medications, ZoneId zone) {
    this.levels = levels;
    this.medications = medications;
    this.zone = zone;
  }

  /** Every batch matching the query. */
  Parameters all(StockQuery query, RequestDetails request) {
    return report(null, query, request);
  }

  /** One batch (404 if the Medication does not exist). */
  Parameters batch(IdType medication, StockQuery query, RequestDetails request) {
    String id = medications.read(medication.toUnqualifiedVersionless(), request).getIdElement().getIdPart();
    return report(id, query, request);
  }

  private Parameters report(String medicationId, StockQuery query, RequestDetails request) {
    Map<String, Medication> read = new HashMap<>();
    Parameters result = new Parameters();
    for (StockLevel level : levels.list(medicationId, query.locationId(), query.includeEmpty())) {
      Medication medication = read.computeIfAbsent(level.key().medicationId(),
          id -> medications.read(new IdType("Medication", id), request));
      if (query.matches(medication, zone)) {
        result.addParameter(item(level, medication));
      }
    }
    return result;
  }

  private static ParametersParameterComponent item(StockLevel level, Medication medication) {
    ParametersParameterComponent item = new ParametersParameterComponent().setName("item");
    item.addPart().setName("medication").setValue(new Reference(level.key().medication()));
    medication.getCode().getCoding().stream()
        .filter(c -> StockFhir.RXNORM.equals(c.getSystem())).findFirst()
        .or(() -> medication.getCode().getCoding().stream().findFirst())
        .ifPresent(product -> item.addPart().setName("product").setValue(product.copy()));
    if (medication.getBatch().hasLotNumber()) {
      item.addPart().setName("lotNumber").setValue(new StringType(medication.getBatch().getLotNumber()));
    }
    if (medication.getBatch().hasExpirationDate()) {
      item.addPart().setName("expirationDate").setValue(medication.getBatch().getExpirationDateElement().copy());
    }
    item.addPart().setName("location").setValue(new Reference(level.key().location()));
    item.addPart().setName("quantity")
        .setValue(new Quantity().setValue(level.quantity()).setUnit(level.unit()).setCode(level.unit()));
    return item;
  }
}
