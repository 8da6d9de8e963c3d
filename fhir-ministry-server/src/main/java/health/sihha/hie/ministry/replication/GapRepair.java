package health.sihha.hie.ministry.replication;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import health.sihha.hie.ministry.MinistryProperties;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import health.sihha.hie.ministry.ingest.NotificationIngestion;
import health.sihha.hie.ministry.replication.IngestionFeed.Feed;
import health.sihha.hie.ministry.replication.IngestionFeed.Gap;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Finds the events a provider numbered but the ministry never received (numbers missing below the highest received,
 * a heartbeat's count ahead of them, or a provider silent for two heartbeat periods) and asks the provider for them
 * with {@code $events}, applying the answer like a delivery; it keeps at it, run after run, until the feed is whole.
 * Events the provider no longer keeps ({@code 410}) are given up to reconciliation.
 */
@Component
public class GapRepair {

  private static final Logger LOG = LoggerFactory.getLogger(GapRepair.class);

  private final MinistryProperties ministry;
  private final ReplicationProperties settings;
  private final IngestionFeed feeds;
  private final ProviderClients providers;
  private final NotificationIngestion ingestion;
  private final ReplicationMetrics metrics;

  GapRepair(MinistryProperties ministry, ReplicationProperties settings, IngestionFeed feeds, ProviderClients providers,
      NotificationIngestion ingestion, ReplicationMetrics metrics) {
    this.ministry = requireNonNull(ministry);
    this.settings = requireNonNull(settings);
    this.feeds = requireNonNull(feeds);
    this.providers = requireNonNull(providers);
    this.ingestion = requireNonNull(ingestion);
    this.metrics = requireNonNull(metrics);
  }

  @Scheduled(fixedDelayString = "${sihha.ministry.replication.repair-interval:10s}",
      initialDelayString = "${sihha.ministry.replication.repair-interval:10s}")
  public void repairAll() {
    for (Feed feed : feeds.all()) {
      Optional<RegisteredProvider> provider = ministry.provider(feed.provider());
      if (provider.isEmpty()) {
        continue;
      }
      try {
        repair(provider.get(), feed);
      } catch (RuntimeException notNow) {
        // one provider unreachable, or answering nonsense, holds up no other: its gaps are there at the next run
        LOG.warn("gaps of {} Subscription/{} not repaired now: {}", feed.provider(), feed.subscription(),
            notNow.getMessage());
      }
    }
  }

  /** The gaps of every feed of {@code providerId}, as {@code [from, to]} pairs. */
  public List<long[]> gaps(String providerId) {
    return feeds.all().stream().filter(feed -> feed.provider().equals(providerId))
        .flatMap(feed -> feeds.gaps(feed).stream()).map(gap -> new long[] {gap.from(), gap.to()}).toList();
  }

  private void repair(RegisteredProvider provider, Feed feed) {
    List<Gap> gaps = feeds.gaps(feed);
    boolean silent = feed.lastHeard().isBefore(Instant.now().minus(settings.heartbeatPeriod().multipliedBy(2)));
    if (gaps.isEmpty() && silent) {
      LOG.info("{} Subscription/{} silent since {}: asking for events after {}", provider.id(), feed.subscription(),
          feed.lastHeard(), feed.contiguous());
      fetch(provider, feed.subscription(), new Gap(feed.contiguous() + 1, Long.MAX_VALUE));
      return;
    }
    long missing = gaps.stream().mapToLong(gap -> gap.to() - gap.from() + 1).sum();
    if (missing == 0) {
      return;
    }
    metrics.gapDetected(provider.id(), missing);
    LOG.info("{} Subscription/{}: {} events missing in {}", provider.id(), feed.subscription(), missing,
        gaps.stream().map(gap -> gap.from() + "-" + gap.to()).toList());
    int requests = 0;
    for (Gap gap : gaps) {
      long since = gap.from();
      while (since <= gap.to() && requests++ < settings.maxRequestsPerRepair()) {
        long received = fetch(provider, feed.subscription(), new Gap(since, gap.to()));
        if (received < since) {
          break;
        }
        metrics.gapRepaired(provider.id(), Math.min(received, gap.to()) - since + 1);
        since = received + 1;
      }
    }
  }

  /** Applies the provider's events of {@code gap}; the highest number it answered, or -1 when none. */
  private long fetch(RegisteredProvider provider, String subscription, Gap gap) {
    Bundle events;
    try {
      events = providers.events(provider, subscription, gap.from(), gap.to() == Long.MAX_VALUE ? null : gap.to());
    } catch (ResourceGoneException expired) {
      LOG.warn("{} Subscription/{} no longer keeps events {}-{}: left to reconciliation", provider.id(), subscription,
          gap.from(), gap.to());
      feeds.skip(provider.id(), subscription, gap.to() == Long.MAX_VALUE ? gap.from() - 1 : gap.to());
      return -1;
    }
    ingestion.receive(provider.id(), events);
    return highestNumber(events);
  }

  private static long highestNumber(Bundle events) {
    if (events.getEntry().isEmpty() || !(events.getEntryFirstRep().getResource()
        instanceof org.hl7.fhir.r4.model.Parameters status)) {
      return -1;
    }
    return status.getParameter().stream().filter(p -> "notification-event".equals(p.getName()))
        .flatMap(p -> p.getPart().stream()).filter(part -> "event-number".equals(part.getName()))
        .mapToLong(part -> Long.parseLong(part.getValue().primitiveValue())).max().orElse(-1);
  }
}
