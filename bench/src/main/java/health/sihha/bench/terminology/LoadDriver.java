package health.sihha.bench.terminology;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a list of probes from N client threads, each taking the next probe from one shared counter (round robin over
 * the list), until a request budget or a deadline is reached, and measures each request from send to full body.
 */
final class LoadDriver {

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private final FhirHttp http;
  private final int clients;

  LoadDriver(FhirHttp http, int clients) {
    this.http = http;
    this.clients = clients;
  }

  /** Sends every probe once, untimed, so that both servers are measured warm. */
  void warmUp(List<Probe> probes) {
    run(probes.get(0).operation(), probes, probes.size(), null);
  }

  /** Round robin over {@code probes} for {@code duration}. */
  Latencies runFor(String operation, List<Probe> probes, Duration duration) {
    return run(operation, probes, Long.MAX_VALUE, duration);
  }

  /** Exactly {@code requests} requests, round robin over {@code probes}. */
  Latencies runCount(String operation, List<Probe> probes, int requests) {
    return run(operation, probes, requests, null);
  }

  private Latencies run(String operation, List<Probe> probes, long budget, Duration duration) {
    List<URI> uris = probes.stream().map(probe -> http.uri(probe.relative())).toList();
    AtomicLong next = new AtomicLong();
    long started = System.nanoTime();
    long deadline = duration == null ? Long.MAX_VALUE : started + duration.toNanos();
    long cpuBefore = OS.getProcessCpuTime();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<Tally>> tallies = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      tallies.add(pool.submit(() -> {
        Tally tally = new Tally();
        for (long n = next.getAndIncrement(); n < budget && System.nanoTime() < deadline;
            n = next.getAndIncrement()) {
          int index = (int) (n % probes.size());
          tally.send(http, probes.get(index), uris.get(index));
        }
        return tally;
      }));
    }
    Tally total = new Tally();
    try {
      for (Future<Tally> tally : tallies) {
        total.add(tally.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while measuring " + operation, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a client thread failed while measuring " + operation, e.getCause());
    } finally {
      pool.shutdownNow();
    }
    long wall = System.nanoTime() - started;
    return Latencies.of(operation, total.latencies(), total.errors, total.wrongAnswers, total.emptyAnswers, wall,
        OS.getProcessCpuTime() - cpuBefore);
  }

  /** One client thread's counts; merged when the load ends. */
  private static final class Tally {
    private long[] nanos = new long[1024];
    private int count;
    private int errors;
    private int wrongAnswers;
    private int emptyAnswers;
    private String firstError;

    void send(FhirHttp http, Probe probe, URI uri) {
      long start = System.nanoTime();
      int status;
      String body = "";
      try {
        FhirHttp.Answer response = http.get(uri);
        status = response.statusCode();
        body = response.body();
      } catch (IllegalStateException e) {
        status = 0;
        body = e.getMessage();
      }
      record(System.nanoTime() - start);
      if (!probe.statusOk(status)) {
        errors++;
        if (firstError == null) {
          firstError = status + " " + uri + ": " + body.substring(0, Math.min(300, body.length()));
          System.out.println("  first error: " + firstError);
        }
      } else if (!probe.answerRight(body)) {
        wrongAnswers++;
      } else if (probe.expect() == Probe.Expect.OK && probe.operation().endsWith("$expand")
          && !body.contains("\"contains\"")) {
        emptyAnswers++;
      }
    }

    void add(Tally other) {
      for (int i = 0; i < other.count; i++) {
        record(other.nanos[i]);
      }
      errors += other.errors;
      wrongAnswers += other.wrongAnswers;
      emptyAnswers += other.emptyAnswers;
    }

    long[] latencies() {
      return Arrays.copyOf(nanos, count);
    }

    private void record(long latency) {
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      nanos[count++] = latency;
    }
  }
}
