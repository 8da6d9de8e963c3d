package health.sihha.bench.cpabe;

import health.sihha.bench.cpabe.SealedResults.ModeRun;
import health.sihha.bench.cpabe.SealedResults.Ratio;
import health.sihha.bench.cpabe.SealedResults.Summary;
import health.sihha.bench.run.ResultsFile;
import java.nio.file.Path;
import java.util.Locale;

/** The sealed national benchmark's results file: the figures to read, the content check, then the same as JSON. */
final class SealedReport {

  /** Issue 13: sealing slows ingest by at most 20% (throughput at least 0.8 of unsealed). */
  static final double INGEST_TARGET = 0.8;
  /** Issue 13: an authorised national read of a sealed 200-resource {@code $everything} costs at most 2x. */
  static final double READ_TARGET = 2.0;

  private SealedReport() {}

  static Path write(Path dir, String stamp, SealedResults results) {
    SealedResults.Data data = results.data();
    StringBuilder md = new StringBuilder();
    md.append("# Sealed national store benchmark, ").append(results.started()).append("\n\n");
    md.append("Machine: ").append(results.machine().cores()).append(" cores, ").append(results.machine().memoryMiB())
        .append(" MiB, ").append(results.machine().java()).append(". Ministry: ").append(results.settings().heap())
        .append(", ").append(results.settings().database()).append(", security ").append(results.settings().security())
        .append(", a fresh data folder per mode. Rounds: ").append(results.settings().rounds())
        .append(" (figures are medians over the rounds).\n\n");
    md.append(String.format(Locale.ROOT, "Data: %d resources delivered (%s) from %s, in %d notifications of at most %d"
        + " events; `$everything` of `%s` (%d resources delivered for it), after a restart first `%s`.%n%n",
        data.delivered(), data.byType(), String.join(", ", data.bundles()), data.notifications(),
        results.settings().eventsPerNotification(), data.patient(), data.patientResources(), data.otherPatient()));
    md.append(table(results)).append('\n');
    md.append("## Content check (sealed answer against unsealed answer)\n\n").append(checkTable(results)).append('\n');
    md.append("## Each ministry\n\n").append(runTable(results)).append('\n');
    md.append("""
        ## How it was measured

        - **Security off** (`--sihha.security.enabled=false`): no tokens are checked and every request reads as the
          ministry itself, a trusted reader. That reader still opens every sealed resource with a CP-ABE key: the
          attribute authority gives the server a key per policy and epoch, an ABE header not yet opened is opened
          with a FABEO decryption (pairings), each envelope's data key is unwrapped and its body opened with
          AES-256-GCM. Envelopes sealed under one policy within a window share one header (1,000 envelopes or 10
          minutes, across patients), so a read pays one FABEO decryption per header it meets first. The sealed
          reads pay the real cryptography; what they skip is a user's token check and key derivation.
        - **Ingest**: the records are posted to `/ingest/provider-a` as the provider's dispatcher sends them, one
          notification at a time (history Bundle, subscription status first, one `PUT` entry per event with the
          version's hashes). Time = the POSTs' round trips summed (send to answer read); resources/s = resources /
          that time. The ministry has just started: the first notifications also pay its JIT warm-up (the "later
          half" row leaves the first half of the notifications out). CPU = the ministry process's CPU time over the
          ingest (user + system), which other load on the machine does not inflate as it does the wall clock.
        - **`$everything`**: `GET Patient/<id>/$everything?_count=500` with `Cache-Control: no-cache` (a new search
          each time, HAPI's search cache not reused), all pages, send to last body read. Cold = the first read after
          the ingest (the header cache holds only what the ingestion itself opened); warm = the repeated reads that
          follow; after a restart, the same data, a new process: the first request reads another patient (JIT, the
          server's CP-ABE keys, the database's caches) and is the coldest read (no header opened yet), then the
          patient is read, whose headers that first request may have opened (they are shared across patients).
          CPU = the ministry process's CPU time during the read (or over the warm reads, per read), in Linux's 10 ms
          ticks, background threads included: steadier than the wall clock when other work shares the 2 cores.
        - **Content check**: the cold answers of the two modes, resource by resource: the same national ids, equal
          content with id and meta left out (the sealed store adds security labels to meta; versions, times and
          sources are each store's own); no envelope (`sealed-content` extension) in any answer; every resource the
          patient's bundle delivered present. "As delivered" counts the resources equal to what the provider
          delivered, ids and references made national. The envelope index (`SIHHA_CPABE_ENVELOPE`, read from the
          stopped ministry's H2 file) and a search by family name (sealed: names are not indexed) show that the
          sealed run stored envelopes and the unsealed one did not.
        """);
    md.append("\n```json\n").append(ResultsFile.json(results)).append("\n```\n");
    return ResultsFile.write(dir, "sealed-" + stamp + ".md", md.toString());
  }

  static String table(SealedResults results) {
    Summary s = results.summary();
    SealedResults.Data data = results.data();
    int warmReads = results.settings().warmReads();
    StringBuilder table = new StringBuilder();
    table.append("| | sealed | unsealed | sealed / unsealed | target |\n|---|---:|---:|---:|---|\n");
    row(table, String.format(Locale.ROOT, "ingest, resources/s (%d resources, %d notifications)", data.delivered(),
        data.notifications()), s.ingestRate(), "%.1f", verdict(s.ingestRate().ratio() >= INGEST_TARGET,
        "≥ 0.80 (slowed by at most 20%)"));
    row(table, "ingest, later half of the notifications, resources/s", s.ingestLaterHalfRate(), "%.1f", "");
    row(table, "ingest, ministry CPU, s", s.ingestCpu(), "%.2f", "");
    row(table, String.format(Locale.ROOT, "`$everything` cold, first read after the ingest, ms (%d resources)",
        results.runs().get(0).reads().resources()), s.cold(), "%.0f", readVerdict(s.cold()));
    row(table, "`$everything` cold, ministry CPU, ms", s.coldCpu(), "%.0f", "");
    row(table, "`$everything` after a restart, ms", s.restart(), "%.0f", readVerdict(s.restart()));
    row(table, "`$everything` after a restart, ministry CPU, ms", s.restartCpu(), "%.0f", "");
    row(table, "first request after the restart (another patient's `$everything`, no header opened yet), ms",
        s.restartFirst(), "%.0f", readVerdict(s.restartFirst()));
    row(table, String.format(Locale.ROOT, "`$everything` warm, median of %d reads, ms", warmReads), s.warmMedian(),
        "%.0f", readVerdict(s.warmMedian()));
    row(table, String.format(Locale.ROOT, "`$everything` warm, p90 of %d reads, ms", warmReads), s.warmP90(), "%.0f",
        readVerdict(s.warmP90()));
    row(table, "`$everything` warm, ministry CPU per read, ms", s.warmCpu(), "%.0f", "");
    row(table, "ministry start-up (fresh data), s", s.startUp(), "%.1f", "");
    return table.toString();
  }

  static String checkTable(SealedResults results) {
    StringBuilder table = new StringBuilder();
    table.append("| round | delivered resources in the answer, sealed / unsealed (the patient's bundle: n) | same"
        + " resources | same clear content | envelopes in the answers | patient's resources missing | equal to what"
        + " was delivered, sealed / unsealed | the ministry's own records, sealed / unsealed | passed |\n");
    table.append("|---:|---|---|---|---:|---|---|---|---|\n");
    int round = 1;
    for (ContentCheck check : results.checks()) {
      table.append(String.format(Locale.ROOT,
          "| %d | %d / %d (%d) | %s | %d of %d%s | %d | %s | %d / %d | %s / %s | %s |%n", round++,
          check.sealedDelivered(), check.unsealedDelivered(), check.expected(),
          check.sameResources() ? "yes" : "no", check.identical(), check.sealedDelivered(),
          check.differing().isEmpty() ? "" : " (differ: " + String.join(", ", check.differing()) + ")",
          check.envelopes(), check.missing().isEmpty() ? "none" : String.join(", ", check.missing()),
          check.sealedAsDelivered(), check.unsealedAsDelivered(), check.sealedOwn(), check.unsealedOwn(),
          check.passed() ? "**yes**" : "**NO**"));
    }
    return table.toString();
  }

  private static String runTable(SealedResults results) {
    StringBuilder table = new StringBuilder();
    table.append("| round | mode | start-up s | ingest s | resources/s | CPU s | cold ms (CPU) | warm median / p90 ms |"
        + " restart s | first after restart ms | after restart ms (CPU) | sealed versions stored |"
        + " `Patient?family=` hits | load avg before / after |\n");
    table.append("|---:|---|---:|---:|---:|---:|---|---|---:|---:|---|---|---:|---|\n");
    for (ModeRun run : results.runs()) {
      long stored = run.storedEnvelopes().values().stream().mapToLong(Long::longValue).sum();
      table.append(String.format(Locale.ROOT, "| %d | %s | %.1f | %.2f | %.1f | %.2f | %.0f (%.0f) | %.0f / %.0f"
          + " | %.1f | %.0f | %.0f (%.0f) | %d %s | %d | %.1f / %.1f |%n",
          run.round(), run.mode(), run.startUpSeconds(), run.ingest().seconds(), run.ingest().resourcesPerSecond(),
          run.ingest().cpuSeconds(), run.reads().coldMillis(), run.reads().coldCpuMillis(),
          run.reads().warmMedianMillis(), run.reads().warmP90Millis(), run.restartSeconds(),
          run.reads().restartFirstMillis(), run.reads().restartMillis(), run.reads().restartCpuMillis(),
          stored, stored == 0 ? "" : run.storedEnvelopes().toString(), run.nameSearchHits(), run.loadBefore(),
          run.loadAfter()));
    }
    return table.toString();
  }

  private static void row(StringBuilder table, String label, Ratio ratio, String format, String target) {
    table.append(String.format(Locale.ROOT, "| %s | " + format + " | " + format + " | %.2f | %s |%n", label,
        ratio.sealed(), ratio.unsealed(), ratio.ratio(), target));
  }

  private static String readVerdict(Ratio ratio) {
    return verdict(ratio.ratio() <= READ_TARGET, "≤ 2");
  }

  private static String verdict(boolean met, String target) {
    return target + ": " + (met ? "met" : "**not met**");
  }
}
