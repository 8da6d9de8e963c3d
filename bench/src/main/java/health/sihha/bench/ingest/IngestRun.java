package health.sihha.bench.ingest;

import health.sihha.bench.synthea.LoadSummary;

/**
 * One measured load: one server, freshly started, posting the measured bundles from a number of clients.
 *
 * @param server which server
 * @param clients client threads posting at once
 * @param bundles patient bundles posted and timed
 * @param resources resources in those bundles
 * @param seconds wall time from the first request to the last response
 * @param resourcesPerSecond resources / seconds
 * @param startupSeconds from process start until the readiness probe answered
 * @param subscriptions Subscription resources on the server when the load started
 * @param loadAverageBefore the machine's 1-minute load average just before the timed load
 * @param loadAverageAfter the same just after it
 */
record IngestRun(
    String server,
    int clients,
    int bundles,
    int resources,
    double seconds,
    double resourcesPerSecond,
    double startupSeconds,
    int subscriptions,
    double loadAverageBefore,
    double loadAverageAfter) {

  static IngestRun of(ServerUnderTest server, int clients, LoadSummary load, double startupSeconds,
      int subscriptions, double loadAverageBefore, double loadAverageAfter) {
    return new IngestRun(server.label(), clients, load.bundles(), load.resources(), load.seconds(),
        load.resourcesPerSecond(), startupSeconds, subscriptions, loadAverageBefore, loadAverageAfter);
  }
}
