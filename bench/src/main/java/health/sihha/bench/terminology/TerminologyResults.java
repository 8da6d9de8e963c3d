package health.sihha.bench.terminology;

import health.sihha.bench.run.Machine;
import java.util.List;

/**
 * Everything one terminology benchmark run records.
 *
 * @param startedAt when the run started (UTC, ISO-8601)
 * @param machine the machine it ran on
 * @param settings what was requested, and how
 * @param runs one entry per server
 * @param ratios Sihha over stock HAPI per operation (empty unless both servers ran)
 * @param notes what a reader needs to know to compare the figures
 */
record TerminologyResults(
    String startedAt, Machine machine, Settings settings, List<ServerRun> runs, List<Ratio> ratios,
    List<String> notes) {

  TerminologyResults {
    runs = List.copyOf(runs);
    ratios = List.copyOf(ratios);
    notes = List.copyOf(notes);
  }

  /**
   * @param codeTable the ICD-10-CM table used
   * @param codes codes in it
   * @param prefixes autocomplete prefixes requested
   * @param typingPrefixes prefixes also measured one by one
   * @param typingRequestsPerPrefix requests per typing prefix
   * @param validCodes seeded sample of real codes for lookup and validation
   * @param invalidCodes codes that do not exist, added to that sample
   * @param clients client threads
   * @param secondsPerOperation timed window per operation, after one untimed pass over its requests
   * @param heap the servers' maximum heap
   * @param stockSettings how stock HAPI was configured
   */
  record Settings(String codeTable, int codes, int prefixes, List<String> typingPrefixes,
      int typingRequestsPerPrefix, int validCodes, int invalidCodes, int clients, int secondsPerOperation,
      String heap, List<String> stockSettings) {

    Settings {
      typingPrefixes = List.copyOf(typingPrefixes);
      stockSettings = List.copyOf(stockSettings);
    }
  }

  /**
   * One server, measured.
   *
   * @param server which server
   * @param base its FHIR base
   * @param startedByBenchmark false when an already-running server was given
   * @param startupSeconds process start to readiness ({@code null} if not started here)
   * @param setup load and expansion times after readiness
   * @param loadAverageBefore the 1-minute load average before the timed loads
   * @param loadAverageAfter the same after them
   * @param operations one entry per operation
   * @param typing one entry per typing prefix
   */
  record ServerRun(String server, String base, boolean startedByBenchmark, Double startupSeconds,
      TerminologySetup.Timings setup, double loadAverageBefore, double loadAverageAfter,
      List<Latencies> operations, List<Latencies> typing, Double peakResidentMegabytes) {

    ServerRun {
      operations = List.copyOf(operations);
      typing = List.copyOf(typing);
    }

    /** This run with the peak resident memory of the server's process, known when the benchmark started it. */
    ServerRun withPeakResidentMegabytes(double megabytes) {
      return new ServerRun(server, base, startedByBenchmark, startupSeconds, setup, loadAverageBefore,
          loadAverageAfter, operations, typing, megabytes);
    }
  }

  /** Sihha over stock HAPI for one operation: above 1 is better for req/s, below 1 is better for p95. */
  record Ratio(String operation, double requestsPerSecondRatio, double p95Ratio) {

    static Ratio of(Latencies ours, Latencies stock) {
      return new Ratio(ours.operation(), ours.requestsPerSecond() / stock.requestsPerSecond(),
          ours.p95Ms() / stock.p95Ms());
    }
  }
}
