package health.sihha.hie.provider.aggregation.outbox;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the dispatcher on a thread of its own, so a slow consumer never delays the application's other scheduled
 * jobs, from the start of the application to its shutdown.
 */
final class OutboxWorker implements SmartLifecycle {

  private final OutboxDispatcher dispatcher;
  private final Duration poll;
  private ScheduledExecutorService executor;

  OutboxWorker(OutboxDispatcher dispatcher, Duration poll) {
    this.dispatcher = requireNonNull(dispatcher);
    this.poll = requireNonNull(poll);
  }

  @Override
  public synchronized void start() {
    executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "sihha-outbox");
      thread.setDaemon(true);
      return thread;
    });
    executor.scheduleWithFixedDelay(dispatcher::run, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Lets the round under way finish (a notification in flight is answered or times out), then stops. */
  @Override
  public synchronized void stop() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    executor = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return executor != null;
  }
}
