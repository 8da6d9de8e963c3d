package health.sihha.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class IngestCommandsTest {

  private static final String ISSUER = "http://127.0.0.1:8180/realms/sihha";
  private final IngestCommands commands = new IngestCommands(Path.of("/jdk/bin/java"), Path.of("/repo"), ISSUER);

  @Test
  void stockValidatesWithItsProfileBesideTheDatabases() {
    List<String> h2 = commands.stock(Variant.STOCK_VALIDATING, Database.H2, 18090, Path.of("/tmp/d"));
    List<String> postgres = commands.stock(Variant.STOCK_VALIDATING, Database.POSTGRES, 18090, Path.of("/tmp/d"));

    assertThat(h2).contains("-Dloader.main=health.sihha.bench.stock.StockHapiServer",
        "/repo/bench/target/sihha-bench.jar", "--spring.profiles.active=validating", "--sihha.security.enabled=false", "--server.port=18090");
    assertThat(postgres).contains("--spring.profiles.active=postgres,validating",
        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/sihha_bench_ingest_stock");
    assertThat(commands.stock(Variant.STOCK, Database.H2, 18090, Path.of("/tmp/d")))
        .noneMatch(argument -> argument.startsWith("--spring.profiles.active"));
  }

  @Test
  void theProviderVariantsDifferByWhatTheyTurnOff() {
    List<String> ledgerOff = commands.provider(Variant.LEDGER_OFF, Database.POSTGRES, 18081, Path.of("/tmp/p"),
        18080, 18099, null);
    List<String> validationOff = commands.provider(Variant.VALIDATION_OFF, Database.H2, 18081, Path.of("/tmp/p"),
        18099, 18099, null);

    assertThat(ledgerOff).contains("--sihha.provider.ledger.enabled=false",
        "--sihha.provider.ministry-ingest-url=http://127.0.0.1:18080/ingest",
        "--sihha.terminology.replica.source-url=http://127.0.0.1:18099/fhir", "--sihha.security.enabled=true",
        "--sihha.security.issuer=" + ISSUER, "--sihha.security.audience=http://127.0.0.1:8081/fhir",
        "--sihha.provider.id=provider-a", "--spring.profiles.active=postgres",
        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/sihha_bench_ingest_provider")
        .doesNotContain("--sihha.provider.validation.enabled=false");
    assertThat(validationOff).contains("--sihha.provider.validation.enabled=false")
        .doesNotContain("--sihha.provider.ledger.enabled=false");
    assertThat(commands.provider(Variant.ALL_ON, Database.H2, 18081, Path.of("/tmp/p"), 18080, 18099, null))
        .noneMatch(argument -> argument.endsWith("enabled=false"));
  }

  @Test
  void recordsTheProviderOnlyWhenAsked() {
    List<String> recorded = commands.provider(Variant.ALL_ON, Database.H2, 18081, Path.of("/tmp/p"), 18080, 18099,
        Path.of("/results/ingest-x/h2-all-on-1-clients.jfr"));

    assertThat(recorded.subList(0, 4)).containsExactly("/jdk/bin/java", "-Xmx1g",
        "-XX:StartFlightRecording=filename=/results/ingest-x/h2-all-on-1-clients.jfr,settings=profile",
        "-XX:FlightRecorderOptions=stackdepth=256");
    assertThat(commands.provider(Variant.ALL_ON, Database.H2, 18081, Path.of("/tmp/p"), 18080, 18099, null))
        .noneMatch(argument -> argument.startsWith("-XX:"));
  }

  @Test
  void theMinistryTakesTheProviderAsItsOnlyOne() {
    List<String> ministry = commands.ministry(Database.POSTGRES, 18080, Path.of("/tmp/m"),
        "http://127.0.0.1:18081/fhir", 18099);

    assertThat(ministry).contains("/repo/fhir-ministry-server/target/fhir-ministry-server-0.1.0-SNAPSHOT.jar",
        "--sihha.ministry.providers[0].id=provider-a",
        "--sihha.ministry.providers[0].fhir-base=http://127.0.0.1:18081/fhir",
        "--sihha.ministry.ingestion-audience=http://127.0.0.1:8080/ingest",
        "--sihha.security.audience=http://127.0.0.1:8080/fhir",
        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/sihha_bench_ingest_ministry");
  }

  @Test
  void readsTheOptionListsInTheirOwnOrder() {
    assertThat(Variant.parse("all-on, stock")).containsExactly(Variant.STOCK, Variant.ALL_ON);
    assertThat(Variant.parse(Variant.optionList())).containsExactly(Variant.values());
    assertThat(Database.parse("postgres,h2")).containsExactly(Database.H2, Database.POSTGRES);
    assertThatThrownBy(() -> Variant.parse("stock,fast")).hasMessageStartingWith("unknown variant fast");
    assertThatThrownBy(() -> Database.parse("oracle")).hasMessageStartingWith("unknown database oracle");
  }
}
