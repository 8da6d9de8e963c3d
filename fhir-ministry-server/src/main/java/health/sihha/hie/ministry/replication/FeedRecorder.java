package health.sihha.hie.ministry.replication;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import health.sihha.hie.ministry.ingest.Notification;
import health.sihha.hie.ministry.ingest.NotificationObserver;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Records the event numbers of every notification, and the count its heartbeat or status reports. */
@Component
class FeedRecorder implements NotificationObserver {

  private final IngestionFeed feed;
  private final ReplicationMetrics metrics;

  FeedRecorder(IngestionFeed feed, ReplicationMetrics metrics) {
    this.feed = requireNonNull(feed);
    this.metrics = requireNonNull(metrics);
  }

  @Override
  public void received(RegisteredProvider provider, Notification notification, Set<Long> settled) {
    feed.received(provider.id(), notification.subscription(), settled, notification.eventsSinceStart());
    metrics.lastEvent(provider.id(), notification.subscription(), settled.stream().mapToLong(Long::longValue).max()
        .orElse(0));
  }
}
