package health.sihha.hie.provider.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Medication;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

class StockOperationTest extends StockTest {

  private static final String IBUPROFEN = "197805";

  @Test
  void listsStockPerBatchAndLocationWithFilters() {
    String pharmacy = location("Pharmacy");
    String ward = location("Ward");
    String metformin = medication(METFORMIN, "OP-1", "2099-06-30");
    String ibuprofen = medication(IBUPROFEN, "OP-2", "2030-01-31");
    receive(metformin, pharmacy, 40);
    receive(metformin, ward, 5);
    receive(ibuprofen, pharmacy, 7);

    List<ParametersParameterComponent> atPharmacy = stock(Map.of("location", pharmacy)).getParameter();
    assertThat(atPharmacy).map(StockTest::quantity).map(q -> q.getValue().intValue()).containsExactly(40, 7);
    ParametersParameterComponent item = atPharmacy.get(0);
    assertThat(item.getName()).isEqualTo("item");
    assertThat(((Reference) part(item, "medication")).getReference()).isEqualTo(metformin);
    assertThat(((Coding) part(item, "product")).getCode()).isEqualTo(METFORMIN);
    assertThat(((Coding) part(item, "product")).getSystem()).isEqualTo(StockFhir.RXNORM);
    assertThat(part(item, "lotNumber").primitiveValue()).isEqualTo("OP-1");
    assertThat(((DateTimeType) part(item, "expirationDate")).getValueAsString()).isEqualTo("2099-06-30");
    assertThat(((Reference) part(item, "location")).getReference()).isEqualTo(pharmacy);
    assertThat(quantity(item).getCode()).isEqualTo(TABLET);

    assertThat(medications(stock(Map.of("code", StockFhir.RXNORM + "|" + IBUPROFEN, "location", pharmacy))))
        .containsExactly(ibuprofen);
    assertThat(medications(stock(Map.of("code", METFORMIN, "location", ward)))).containsExactly(metformin);
    assertThat(stock(Map.of("code", "http://other.example|" + METFORMIN, "location", ward)).getParameter())
        .isEmpty();
    assertThat(medications(stock(Map.of("location", pharmacy, "expires-before", "2031-01-01"))))
        .containsExactly(ibuprofen);
    assertThat(medications(stock(Map.of("location", pharmacy, "expires-before", "2030-01-31")))).isEmpty();
  }

  @Test
  void oneBatchEverywhereAndEmptyLevelsOnRequest() {
    String pharmacy = location("Pharmacy");
    String ward = location("Ward");
    String batch = medication(METFORMIN, "OP-3", "2099-06-30");
    receive(batch, pharmacy, 10);
    receive(batch, ward, 2);
    give(batch, ward, 2);

    Parameters everywhere = client().operation().onInstance(batch).named("$stock")
        .withNoParameters(Parameters.class).useHttpGet().execute();
    assertThat(everywhere.getParameter()).map(i -> ((Reference) part(i, "location")).getReference())
        .containsExactly(pharmacy);
    Parameters withEmpty = client().operation().onInstance(batch).named("$stock")
        .withParameter(Parameters.class, "include-empty", new StringType("true")).useHttpGet().execute();
    assertThat(withEmpty.getParameter()).map(i -> quantity(i).getValue().intValue()).containsExactlyInAnyOrder(10, 0);
  }

  @Test
  void badParametersAreRefusedWith400() {
    assertRefused(() -> stock(Map.of("code", "http://www.nlm.nih.gov/research/umls/rxnorm|")), 400, 1260);
    assertRefused(() -> stock(Map.of("location", "Patient/1")), 400, 1261);
    assertRefused(() -> stock(Map.of("expires-before", "next-week")), 400, 1262);
    assertRefused(() -> stock(Map.of("include-empty", "maybe")), 400, 1263);
  }

  private Parameters stock(Map<String, String> parameters) {
    Parameters in = new Parameters();
    new LinkedHashMap<>(parameters).forEach((name, value) -> in.addParameter(name, new StringType(value)));
    return client().operation().onType(Medication.class).named("$stock").withParameters(in).useHttpGet().execute();
  }

  private static List<String> medications(Parameters stock) {
    return stock.getParameter().stream().map(i -> ((Reference) part(i, "medication")).getReference()).toList();
  }
}
