package health.sihha.bench.synthea;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts prepared bundles to a server from a number of client threads, each taking the next bundle in order, and
 * stops at the first bundle the server refuses: the bundles still queued are then not sent.
 */
public final class SyntheaLoader {

  private final BundlePoster poster;

  public SyntheaLoader(BundlePoster poster) {
    this.poster = requireNonNull(poster);
  }

  /**
   * Posts every bundle and returns once all are accepted.
   *
   * @throws BundleRejectedException for the first bundle refused
   */
  public LoadSummary post(List<PreparedBundle> bundles, int clients, ProgressListener progress) {
    if (clients < 1) {
      throw new IllegalArgumentException("clients must be at least 1: " + clients);
    }
    AtomicInteger done = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    try {
      CompletionService<Void> posts = new ExecutorCompletionService<>(pool);
      for (PreparedBundle bundle : bundles) {
        posts.submit(() -> postOne(bundle, bundles.size(), done, progress), null);
      }
      for (int i = 0; i < bundles.size(); i++) {
        posts.take().get();
      }
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException("client thread failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while posting bundles", e);
    } finally {
      pool.shutdownNow();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    return new LoadSummary(bundles.size(), bundles.stream().mapToInt(PreparedBundle::resources).sum(), elapsed);
  }

  private void postOne(PreparedBundle bundle, int total, AtomicInteger done, ProgressListener progress) {
    long start = System.nanoTime();
    poster.post(bundle);
    progress.accepted(done.incrementAndGet(), total, bundle, Duration.ofNanos(System.nanoTime() - start));
  }
}
