package health.sihha.bench.cpabe;

import health.sihha.bench.run.Machine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One run of the sealed national benchmark, as written to the results file (plain JSON types: the shared results
 * writer has no java.time module).
 */
record SealedResults(String started, Machine machine, Settings settings, Data data, List<ModeRun> runs,
    List<ContentCheck> checks, Summary summary) {

  SealedResults {
    runs = List.copyOf(runs);
    checks = List.copyOf(checks);
  }

  static final String SEALED = "sealed";
  static final String UNSEALED = "unsealed";

  /** How the run was made. */
  record Settings(String heap, String database, String security, int rounds, int warmReads,
      int eventsPerNotification, boolean flightRecording) {}

  /**
   * What was delivered and read.
   *
   * @param patient the national id of the patient read with {@code $everything}
   * @param patientResources the resources its bundle delivered, shared Organizations and Practitioners included
   * @param otherPatient the patient read first after a restart
   */
  record Data(String dir, List<String> bundles, String patient, int patientResources, String otherPatient,
      int delivered, Map<String, Integer> byType, int notifications) {}

  /** One ministry, sealed or not, from a fresh data folder: ingest, reads, restart, reads. */
  record ModeRun(int round, String mode, double startUpSeconds, Ingest ingest, Reads reads, double restartSeconds,
      Map<String, Long> storedEnvelopes, long nameSearchHits, double loadBefore, double loadAfter) {}

  /**
   * The timed ingest.
   *
   * @param seconds the notifications' POSTs, sending to answer read, summed
   * @param laterHalfPerSecond resources/s over the later half of the notifications (the ministry's JIT warmer)
   * @param cpuSeconds the ministry process's CPU time over the ingest
   * @param outcomes the ministry's {@code sihha_ingest_resources_total} per outcome afterwards
   */
  record Ingest(int events, int notifications, double seconds, double resourcesPerSecond,
      double laterHalfPerSecond, double cpuSeconds, List<Double> notificationMillis, Map<String, Double> outcomes) {}

  /**
   * The {@code $everything} reads, in ms.
   *
   * @param resources resources in the answer
   * @param coldMillis the first read, right after the ingest
   * @param coldCpuMillis the ministry process's CPU time during that read
   * @param warmMillis the repeated reads that follow it
   * @param warmCpuMillisPerRead the ministry process's CPU time over the repeated reads, per read
   * @param restartFirstMillis after a restart, the first request: the other patient's {@code $everything}
   * @param restartFirstResources resources in that answer
   * @param restartMillis after a restart, the patient's {@code $everything}, right after that first request
   * @param restartCpuMillis the ministry process's CPU time during that read
   */
  record Reads(int resources, double coldMillis, double coldCpuMillis, List<Double> warmMillis,
      double warmMedianMillis, double warmP90Millis, double warmCpuMillisPerRead, double restartFirstMillis,
      int restartFirstResources, double restartMillis, double restartCpuMillis) {}

  /** Sealed against unsealed: the medians over the rounds, and sealed / unsealed. */
  record Ratio(double sealed, double unsealed, double ratio) {

    static Ratio of(List<ModeRun> runs, ToDoubleFunction<ModeRun> figure) {
      double sealed = Stats.median(values(runs, SEALED, figure));
      double unsealed = Stats.median(values(runs, UNSEALED, figure));
      return new Ratio(sealed, unsealed, sealed / unsealed);
    }

    private static List<Double> values(List<ModeRun> runs, String mode, ToDoubleFunction<ModeRun> figure) {
      List<Double> values = new ArrayList<>();
      runs.stream().filter(run -> run.mode().equals(mode)).forEach(run -> values.add(figure.applyAsDouble(run)));
      return values;
    }
  }

  /** Every figure of the table, sealed against unsealed. */
  record Summary(Ratio ingestRate, Ratio ingestLaterHalfRate, Ratio ingestCpu, Ratio cold, Ratio coldCpu,
      Ratio restart, Ratio restartCpu, Ratio restartFirst, Ratio warmMedian, Ratio warmP90, Ratio warmCpu,
      Ratio startUp) {

    static Summary of(List<ModeRun> runs) {
      return new Summary(
          Ratio.of(runs, run -> run.ingest().resourcesPerSecond()),
          Ratio.of(runs, run -> run.ingest().laterHalfPerSecond()),
          Ratio.of(runs, run -> run.ingest().cpuSeconds()),
          Ratio.of(runs, run -> run.reads().coldMillis()),
          Ratio.of(runs, run -> run.reads().coldCpuMillis()),
          Ratio.of(runs, run -> run.reads().restartMillis()),
          Ratio.of(runs, run -> run.reads().restartCpuMillis()),
          Ratio.of(runs, run -> run.reads().restartFirstMillis()),
          Ratio.of(runs, run -> run.reads().warmMedianMillis()),
          Ratio.of(runs, run -> run.reads().warmP90Millis()),
          Ratio.of(runs, run -> run.reads().warmCpuMillisPerRead()),
          Ratio.of(runs, ModeRun::startUpSeconds));
    }
  }
}
