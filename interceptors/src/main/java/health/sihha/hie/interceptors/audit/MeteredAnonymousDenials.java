package health.sihha.hie.interceptors.audit;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refusals without a verified identity as metric {@code sihha.security.denials.anonymous} (tags: server, status),
 * and one log line each with the method and the truncated path: visible to monitoring, costing no storage.
 */
public final class MeteredAnonymousDenials implements AnonymousDenials {

  private static final Logger LOG = LoggerFactory.getLogger(MeteredAnonymousDenials.class);

  private final MeterRegistry meters;
  private final String serverId;

  public MeteredAnonymousDenials(MeterRegistry meters, String serverId) {
    this.meters = requireNonNull(meters);
    this.serverId = requireNonNull(serverId);
  }

  @Override
  public void refused(int status, String method, String path) {
    meters.counter("sihha.security.denials.anonymous", "server", serverId, "status", Integer.toString(status))
        .increment();
    LOG.info("refused without a verified identity: {} {} {}", status, method, path);
  }
}
