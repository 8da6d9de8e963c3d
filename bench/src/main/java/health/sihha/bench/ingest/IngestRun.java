package health.sihha.bench.ingest;

import jakarta.annotation.Nullable;

/**
 * One measured load: one variant on one database, freshly started, posting the timed bundles from a number of
 * clients.
 *
 * @param database where the servers stored
 * @param variant what ran
 * @param clients client threads posting at once
 * @param round which round of the run (1 to {@code --rounds}) made this load
 * @param bundles patient bundles posted and timed
 * @param resources resources in those bundles
 * @param seconds wall time from the first request to the last response
 * @param resourcesPerSecond resources / seconds
 * @param startupSeconds from the server's start until its readiness probe answered
 * @param subscriptions Subscription resources on the server when the timed load started
 * @param serverCpuSeconds CPU time the server used during the timed load; null where the platform does not tell
 * @param ministryCpuSeconds the same for the live ministry; null without one
 * @param loadAverageBefore the machine's 1-minute load average just before the timed load
 * @param loadAverageAfter the same just after it
 * @param recording the provider's flight recording, a file next to the report; null without one
 * @param profile where the provider's request threads spent the timed load, from the recording; null without one
 */
record IngestRun(
    Database database,
    Variant variant,
    int clients,
    int round,
    int bundles,
    int resources,
    double seconds,
    double resourcesPerSecond,
    double startupSeconds,
    int subscriptions,
    @Nullable Double serverCpuSeconds,
    @Nullable Double ministryCpuSeconds,
    @Nullable Double serverPeakResidentMegabytes,
    @Nullable Double ministryPeakResidentMegabytes,
    double loadAverageBefore,
    double loadAverageAfter,
    @Nullable String recording,
    @Nullable RequestProfile profile) {}
