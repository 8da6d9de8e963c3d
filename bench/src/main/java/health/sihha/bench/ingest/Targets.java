package health.sihha.bench.ingest;

import health.sihha.bench.ingest.TargetCheck.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The targets of the ingest issue, checked on one run's loads, so that every ratio compares loads made in the same
 * run on the same machine (with several rounds, the median {@link Throughput} of each):
 *
 * <ul>
 *   <li>everything on ÷ stock HAPI validating, at least 1.0;
 *   <li>validation off ÷ stock HAPI without validation, at least 1.5;
 *   <li>everything on ÷ ledger off, at least 0.9: the ledger slows ingest by at most 10%;
 *   <li>on PostgreSQL, everything on with 4 clients ÷ with 1 client, at least 1.3.
 * </ul>
 */
final class Targets {

  static final double VERSUS_STOCK_VALIDATING = 1.0;
  static final double VERSUS_STOCK = 1.5;
  static final double LEDGER = 0.9;
  static final double SCALING = 1.3;
  static final int SCALING_FROM = 1;
  static final int SCALING_TO = 4;

  private final List<IngestRun> runs;

  private Targets(List<IngestRun> runs) {
    this.runs = List.copyOf(runs);
  }

  /** Every target for every database and client count measured, and the scaling target on PostgreSQL. */
  static List<TargetCheck> check(List<IngestRun> runs, List<Database> databases, List<Integer> clientCounts) {
    Targets targets = new Targets(runs);
    List<TargetCheck> checks = new ArrayList<>();
    for (Database database : databases) {
      for (int clients : clientCounts) {
        checks.add(targets.compare("everything on ÷ stock HAPI validating",
            new Load(database, Variant.ALL_ON, clients), new Load(database, Variant.STOCK_VALIDATING, clients),
            VERSUS_STOCK_VALIDATING));
        checks.add(targets.compare("validation off ÷ stock HAPI no validation",
            new Load(database, Variant.VALIDATION_OFF, clients), new Load(database, Variant.STOCK, clients),
            VERSUS_STOCK));
        checks.add(targets.compare("everything on ÷ ledger off (the ledger's cost)",
            new Load(database, Variant.ALL_ON, clients), new Load(database, Variant.LEDGER_OFF, clients), LEDGER));
      }
    }
    checks.add(targets.scaling(databases, clientCounts));
    return List.copyOf(checks);
  }

  /** One measured load's identity. */
  private record Load(Database database, Variant variant, int clients) {

    @Override
    public String toString() {
      return variant.label() + " with " + clients + (clients == 1 ? " client" : " clients");
    }
  }

  private TargetCheck scaling(List<Database> databases, List<Integer> clientCounts) {
    String target = "everything on, " + SCALING_TO + " clients ÷ " + SCALING_FROM + " client";
    String clients = SCALING_TO + " ÷ " + SCALING_FROM;
    if (!databases.contains(Database.POSTGRES)) {
      return notMeasured(target, Database.POSTGRES, clients, SCALING, "PostgreSQL not run (--databases postgres)");
    }
    if (!clientCounts.contains(SCALING_FROM) || !clientCounts.contains(SCALING_TO)) {
      return notMeasured(target, Database.POSTGRES, clients, SCALING,
          "needs --clients " + SCALING_FROM + "," + SCALING_TO);
    }
    return compare(target, new Load(Database.POSTGRES, Variant.ALL_ON, SCALING_TO),
        new Load(Database.POSTGRES, Variant.ALL_ON, SCALING_FROM), SCALING);
  }

  private TargetCheck compare(String target, Load numerator, Load denominator, double atLeast) {
    String clients = numerator.clients() == denominator.clients()
        ? String.valueOf(numerator.clients())
        : numerator.clients() + " ÷ " + denominator.clients();
    Optional<Throughput> top = throughput(numerator);
    Optional<Throughput> bottom = throughput(denominator);
    if (top.isEmpty() || bottom.isEmpty()) {
      List<String> missing = Stream.of(numerator, denominator).filter(load -> throughput(load).isEmpty())
          .map(Load::toString).toList();
      return notMeasured(target, numerator.database(), clients, atLeast, "not run: " + String.join("; ", missing));
    }
    double ratio = top.get().resourcesPerSecond() / bottom.get().resourcesPerSecond();
    String detail = String.format(Locale.ROOT, "%s ÷ %s resources/s (%+.0f%%)", top.get().text(),
        bottom.get().text(), 100 * (ratio - 1));
    return new TargetCheck(target, numerator.database().label(), clients, atLeast, ratio,
        ratio >= atLeast ? Verdict.MET : Verdict.NOT_MET, detail);
  }

  private static TargetCheck notMeasured(String target, Database database, String clients, double atLeast,
      String why) {
    return new TargetCheck(target, database.label(), clients, atLeast, null, Verdict.NOT_MEASURED, why);
  }

  private Optional<Throughput> throughput(Load load) {
    return Throughput.of(runs, load.database(), load.variant(), load.clients());
  }
}
