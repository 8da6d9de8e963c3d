package health.sihha.bench.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.bench.ingest.TargetCheck.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {

  @Test
  void checksEachTargetOnLoadsOfTheSameDatabaseAndClients() {
    List<IngestRun> runs = List.of(
        load(Database.H2, Variant.STOCK, 1, 300),
        load(Database.H2, Variant.STOCK_VALIDATING, 1, 100),
        load(Database.H2, Variant.VALIDATION_OFF, 1, 420),
        load(Database.H2, Variant.LEDGER_OFF, 1, 200),
        load(Database.H2, Variant.ALL_ON, 1, 190));

    List<TargetCheck> checks = Targets.check(runs, List.of(Database.H2), List.of(1));

    assertThat(checks).hasSize(4);
    assertThat(checks.get(0)).satisfies(check -> {
      assertThat(check.target()).isEqualTo("everything on ÷ stock HAPI validating");
      assertThat(check.ratio()).isEqualTo(1.9);
      assertThat(check.verdict()).isEqualTo(Verdict.MET);
      assertThat(check.detail()).isEqualTo("190.0 ÷ 100.0 resources/s (+90%)");
    });
    assertThat(checks.get(1).ratio()).isEqualTo(1.4);
    assertThat(checks.get(1).verdict()).isEqualTo(Verdict.NOT_MET);
    assertThat(checks.get(2).ratio()).isEqualTo(0.95);
    assertThat(checks.get(2).verdict()).isEqualTo(Verdict.MET);
    assertThat(checks.get(2).detail()).endsWith("(-5%)");
    assertThat(checks.get(3).verdict()).isEqualTo(Verdict.NOT_MEASURED);
    assertThat(checks.get(3).detail()).isEqualTo("PostgreSQL not run (--databases postgres)");
  }

  @Test
  void theLedgerMayCostTenPercentAndNoMore() {
    List<TargetCheck> atLimit = Targets.check(List.of(load(Database.H2, Variant.LEDGER_OFF, 4, 200),
        load(Database.H2, Variant.ALL_ON, 4, 180)), List.of(Database.H2), List.of(4));
    List<TargetCheck> over = Targets.check(List.of(load(Database.H2, Variant.LEDGER_OFF, 4, 200),
        load(Database.H2, Variant.ALL_ON, 4, 179)), List.of(Database.H2), List.of(4));

    assertThat(atLimit.get(2).verdict()).isEqualTo(Verdict.MET);
    assertThat(over.get(2).verdict()).isEqualTo(Verdict.NOT_MET);
  }

  @Test
  void scalesFromOneToFourClientsOnPostgres() {
    List<IngestRun> runs = List.of(load(Database.POSTGRES, Variant.ALL_ON, 1, 100),
        load(Database.POSTGRES, Variant.ALL_ON, 4, 125));

    TargetCheck scaling = Targets.check(runs, List.of(Database.POSTGRES), List.of(1, 4)).get(6);
    TargetCheck oneClientCount = Targets.check(runs, List.of(Database.POSTGRES), List.of(4)).get(3);

    assertThat(scaling.clients()).isEqualTo("4 ÷ 1");
    assertThat(scaling.database()).isEqualTo("PostgreSQL");
    assertThat(scaling.ratio()).isEqualTo(1.25);
    assertThat(scaling.verdict()).isEqualTo(Verdict.NOT_MET);
    assertThat(oneClientCount.verdict()).isEqualTo(Verdict.NOT_MEASURED);
    assertThat(oneClientCount.detail()).isEqualTo("needs --clients 1,4");
  }

  @Test
  void comparesTheMediansOfSeveralRounds() {
    List<IngestRun> runs = List.of(
        load(Database.H2, Variant.LEDGER_OFF, 1, 200), load(Database.H2, Variant.ALL_ON, 1, 120),
        load(Database.H2, Variant.LEDGER_OFF, 1, 100), load(Database.H2, Variant.ALL_ON, 1, 190),
        load(Database.H2, Variant.LEDGER_OFF, 1, 210), load(Database.H2, Variant.ALL_ON, 1, 195));

    TargetCheck ledger = Targets.check(runs, List.of(Database.H2), List.of(1)).get(2);

    assertThat(ledger.ratio()).as("190 ÷ 200, not the first round's 120 ÷ 200").isEqualTo(0.95);
    assertThat(ledger.verdict()).isEqualTo(Verdict.MET);
    assertThat(ledger.detail()).isEqualTo("190.0 (median of 3) ÷ 200.0 (median of 3) resources/s (-5%)");
    assertThat(Throughput.of(runs.subList(0, 4), Database.H2, Variant.LEDGER_OFF, 1)).get()
        .as("an even number of loads: the mean of the middle two").extracting(Throughput::resourcesPerSecond)
        .isEqualTo(150.0);
  }

  @Test
  void namesTheLoadsThatWereNotRun() {
    TargetCheck check = Targets.check(List.of(load(Database.H2, Variant.STOCK, 1, 300)), List.of(Database.H2),
        List.of(1)).get(1);

    assertThat(check.ratio()).isNull();
    assertThat(check.verdict()).isEqualTo(Verdict.NOT_MEASURED);
    assertThat(check.detail()).isEqualTo("not run: provider, validation off with 1 client");
  }

  private static IngestRun load(Database database, Variant variant, int clients, double resourcesPerSecond) {
    return new IngestRun(database, variant, clients, 1, 20, (int) resourcesPerSecond * 10, 10, resourcesPerSecond,
        30, 12, 20.0, null, 700.0, null, 1.0, 2.0, null, null);
  }
}
