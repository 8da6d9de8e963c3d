package health.sihha.hie.terminology.replica;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.terminology.registry.TerminologyRegistry;
import jakarta.annotation.Nullable;
import health.sihha.hie.terminology.registry.TerminologySnapshot;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local copy of a source terminology server, kept in a folder so that it survives restarts and keeps serving while
 * the source is down. A sync compares the source's summaries (id, {@code meta.versionId}, {@code meta.lastUpdated})
 * with what is held, fetches in full only what is new or changed, and deletes what the source no longer has.
 */
public final class TerminologyReplica implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TerminologyReplica.class);
  private static final Duration FIRST_RETRY = Duration.ofSeconds(5);

  private final TerminologyRegistry registry;
  private final ReplicaSource source;
  private final Duration interval;
  private final List<ResourceType> types;
  private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
  private final AtomicLong failures = new AtomicLong();
  private long failedInARow;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "terminology-replica-sync");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean loaded;
  private volatile Instant lastSuccess;
  private volatile Duration lastDuration;
  private volatile int lastFetched;
  private volatile String lastError;

  TerminologyReplica(TerminologyRegistry registry, ReplicaSource source, Duration interval,
      List<ResourceType> types) {
    this.registry = registry;
    this.source = source;
    this.interval = interval;
    this.types = List.copyOf(types);
  }

  /**
   * The replica held in {@code directory}; nothing is read until {@link #startLoading()} (or {@link #load()}),
   * nothing fetched until {@link #startSyncing()} or {@link #sync()}.
   *
   * @param types the resource types followed (the others are neither fetched nor deleted)
   * @param credentials how to get tokens for a source that requires them; null for one that does not
   */
  public static TerminologyReplica open(FhirContext fhirContext, Path directory, URI sourceBase, Duration interval,
      List<ResourceType> types, @Nullable ReplicaCredentials credentials) {
    return new TerminologyReplica(TerminologyRegistry.unloaded(fhirContext, directory),
        new ReplicaSource(fhirContext, sourceBase, credentials), interval, types);
  }

  public TerminologyRegistry registry() {
    return registry;
  }

  /** Runs {@code listener} after every sync that changed what is held, e.g. to drop a validator's caches. */
  public void onChange(Runnable listener) {
    listeners.add(listener);
  }

  /** Reads what the folder holds in the background ({@link #load()}), so the rest of the server starts meanwhile. */
  public void startLoading() {
    scheduler.execute(this::load);
  }

  /**
   * Syncs now in the background, then every interval; failures are logged and counted, never thrown. After a failure
   * the next try comes sooner (5 s, doubling up to the interval), so a replica whose source starts later than its
   * server catches up within seconds. A server calls it once it is up, so that fetching and indexing a large code
   * system does not compete with its start-up.
   */
  public void startSyncing() {
    scheduler.schedule(this::syncAndReschedule, 0, TimeUnit.MILLISECONDS);
  }

  /**
   * Reads what the folder holds; until then {@link ReplicaStatus#loaded()} is false. A folder that cannot be read is
   * logged and counted, and the replica then counts as loaded after its next successful sync, which fetches again
   * everything the source has.
   */
  public void load() {
    try {
      registry.reload();
    } catch (RuntimeException e) {
      lastError = "cannot read " + registry.directory() + ": " + e;
      log.error("Terminology replica could not read {} (failure {} since start-up); it is fetched again from {}",
          registry.directory(), failures.incrementAndGet(), source.base(), e);
      return;
    }
    loaded = true;
    listeners.forEach(Runnable::run);
  }

  private void syncAndReschedule() {
    long consecutiveFailures = syncQuietly() ? 0 : ++failedInARow;
    long retry = FIRST_RETRY.toMillis() << Math.min(consecutiveFailures - 1, 20);
    long delay = consecutiveFailures == 0 ? interval.toMillis() : Math.min(retry, interval.toMillis());
    if (!scheduler.isShutdown()) {
      scheduler.schedule(this::syncAndReschedule, delay, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * One sync with the source.
   *
   * @return how many resources were fetched or deleted
   */
  public synchronized int sync() throws IOException, InterruptedException {
    long started = System.nanoTime();
    int fetched = 0;
    int deleted = 0;
    for (ResourceType type : types) {
      List<MetadataResource> remote = source.summaries(type);
      Map<String, MetadataResource> held = new HashMap<>();
      registry.snapshot().summaries(type).forEach(r -> held.put(r.getIdElement().getIdPart(), r));
      Set<String> remoteIds = new HashSet<>();
      for (MetadataResource summary : remote) {
        String id = summary.getIdElement().getIdPart();
        remoteIds.add(id);
        if (!sameVersion(held.get(id), summary)) {
          registry.mirror(List.of(source.read(type, id)));
          fetched++;
        }
      }
      for (String id : held.keySet()) {
        if (!remoteIds.contains(id) && registry.delete(type, id)) {
          deleted++;
        }
      }
    }
    lastDuration = Duration.ofNanos(System.nanoTime() - started);
    lastFetched = fetched;
    lastSuccess = Instant.now();
    lastError = null;
    loaded = true;
    if (fetched + deleted > 0) {
      log.info("Terminology replica synced from {}: {} fetched, {} deleted in {} ms", source.base(), fetched,
          deleted, lastDuration.toMillis());
      listeners.forEach(Runnable::run);
    } else {
      log.debug("Terminology replica up to date with {}", source.base());
    }
    return fetched + deleted;
  }

  public ReplicaStatus status() {
    TerminologySnapshot snapshot = registry.snapshot();
    return new ReplicaStatus(source.base(), loaded, lastSuccess, lastDuration, lastFetched, lastError, failures.get(),
        snapshot.summaries(ResourceType.CodeSystem).size(), snapshot.summaries(ResourceType.ValueSet).size(),
        snapshot.summaries(ResourceType.ConceptMap).size());
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  /** One sync; true when it succeeded. */
  private boolean syncQuietly() {
    try {
      sync();
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      lastError = e.getCause() == null ? e.toString() : e + " (" + e.getCause() + ")";
      log.warn("Terminology replica sync from {} failed (failure {} since start-up); serving what is held:"
          + " {}", source.base(), failures.incrementAndGet(), lastError);
      return false;
    }
  }

  private static boolean sameVersion(MetadataResource held, MetadataResource remote) {
    if (held == null) {
      return false;
    }
    Meta a = held.getMeta();
    Meta b = remote.getMeta();
    return Objects.equals(a.getVersionId(), b.getVersionId())
        && Objects.equals(a.getLastUpdatedElement().getValueAsString(), b.getLastUpdatedElement().getValueAsString());
  }
}
