package health.sihha.hie.ministry.replication;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.sihha.hie.ministry.MinistryProperties;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import health.sihha.hie.ministry.ingest.EventApplier;
import health.sihha.hie.ministry.ingest.IngestionState;
import health.sihha.hie.ministry.ingest.IngestionState.Held;
import health.sihha.hie.ministry.ingest.NationalIds;
import health.sihha.hie.ministry.ingest.Notification.Change;
import health.sihha.hie.ministry.ingest.OptOutWithdrawal;
import health.sihha.hie.ministry.ingest.SourceHashes;
import health.sihha.hie.ministry.ingest.SourceKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Compares, per provider and type, the latest version of each resource at the provider (its type {@code _history},
 * newest first, which the provider grants the ministry) with the ingestion state, and repairs the difference through
 * the same {@link EventApplier} as deliveries: a resource missing or older at the ministry gets the provider's latest
 * version, one deleted at the provider is deleted, and one the provider no longer has at all (expunged) is deleted
 * with a tombstone one version above what was held. Being version-checked under the same locks, it can run while
 * deliveries arrive. Where the versions agree, the content is compared too, by the hash of what was received
 * ({@link IngestionState.Held#contentHash}): a version whose content changed in place is reported, not copied.
 *
 * <p>A provider leaves out of the ministry's history pages what a patient who opted out holds there, as it leaves it
 * out of its notifications. That data was withdrawn when the opt-out arrived, except the Patient, kept as an empty
 * record for the Consent that refers to it: reconciliation leaves that record alone.
 */
@Service
public class Reconciliation {

  private static final Logger LOG = LoggerFactory.getLogger(Reconciliation.class);

  private final MinistryProperties ministry;
  private final ReplicationProperties settings;
  private final ProviderClients providers;
  private final IngestionState state;
  private final EventApplier applier;
  private final ReplicationMetrics metrics;
  private final SourceHashes hashes;
  private final OptOutWithdrawal optOuts;
  private final Map<String, ReconcileResult> last = new ConcurrentHashMap<>();

  Reconciliation(MinistryProperties ministry, ReplicationProperties settings, ProviderClients providers,
      IngestionState state, EventApplier applier, ReplicationMetrics metrics, SourceHashes hashes,
      OptOutWithdrawal optOuts) {
    this.ministry = requireNonNull(ministry);
    this.settings = requireNonNull(settings);
    this.providers = requireNonNull(providers);
    this.state = requireNonNull(state);
    this.applier = requireNonNull(applier);
    this.metrics = requireNonNull(metrics);
    this.hashes = requireNonNull(hashes);
    this.optOuts = requireNonNull(optOuts);
  }

  @Scheduled(fixedDelayString = "${sihha.ministry.replication.reconcile-interval:1h}",
      initialDelayString = "${sihha.ministry.replication.reconcile-interval:1h}")
  public void reconcileAll() {
    for (RegisteredProvider provider : ministry.providers()) {
      try {
        reconcile(provider, ministry.ingestedTypes());
      } catch (RuntimeException notNow) {
        // the ministry's own database failing: the next run tries again, and the other providers go on
        LOG.warn("{} not reconciled now: {}", provider.id(), notNow.getMessage());
      }
    }
  }

  /** Reconciles {@code types} of {@code provider}; the result of each. */
  public List<ReconcileResult> reconcile(RegisteredProvider provider, List<String> types) {
    return types.stream().map(type -> reconcile(provider, type)).toList();
  }

  /** The last result of each provider and type reconciled by this instance. */
  public List<ReconcileResult> lastResults() {
    return last.values().stream().sorted((a, b) -> (a.provider() + a.type()).compareTo(b.provider() + b.type()))
        .toList();
  }

  private ReconcileResult reconcile(RegisteredProvider provider, String type) {
    Instant started = Instant.now();
    Map<String, Held> held = new HashMap<>();
    // the ministry's side first: what arrives meanwhile is then at most fetched again, never deleted
    state.all(provider.id(), type).forEach(h -> held.put(h.key().id(), h));
    Map<String, Latest> atProvider;
    try {
      atProvider = latestVersions(provider, type);
    } catch (BaseServerResponseException unreachable) {
      LOG.warn("{} {} not reconciled: {}", provider.id(), type, unreachable.getMessage());
      return remember(new ReconcileResult(provider.id(), type, started, 0, 0, 0, 0, 1, 0, List.of(),
          unreachable.getMessage()));
    }
    int missing = 0;
    int outdated = 0;
    int removed = 0;
    int failed = 0;
    List<String> altered = new ArrayList<>();
    for (Latest latest : atProvider.values()) {
      Held mine = held.get(latest.id());
      boolean wanted = mine == null ? !latest.isDelete() : mine.isNewer(latest.version());
      if (!wanted) {
        if (isAltered(provider, mine, latest)) {
          altered.add(type + "/" + latest.id() + "/_history/" + latest.version());
        }
        continue;
      }
      if (mine == null || mine.deleted() && !latest.isDelete()) {
        missing++;
      } else if (latest.isDelete()) {
        removed++;
      } else {
        outdated++;
      }
      failed += apply(provider, new Change(new SourceKey(provider.id(), type, latest.id()), latest.version(),
          latest.resource()));
    }
    for (Held mine : held.values()) {
      if (!mine.deleted() && !atProvider.containsKey(mine.key().id()) && !isWithdrawnPatient(provider, mine)) {
        removed++;
        failed += apply(provider, new Change(mine.key(), mine.version() + 1, null));
      }
    }
    metrics.reconciled(provider.id(), type, "missing", missing);
    metrics.reconciled(provider.id(), type, "outdated", outdated);
    metrics.reconciled(provider.id(), type, "removed", removed);
    metrics.reconciled(provider.id(), type, "altered", altered.size());
    if (missing + outdated + removed > 0) {
      LOG.info("{} {} reconciled: {} missing, {} outdated, {} removed, {} failed", provider.id(), type, missing,
          outdated, removed, failed);
    }
    if (!altered.isEmpty()) {
      LOG.error("{} {}: {} versions now differ at the provider from what it sent under the same version, first {}",
          provider.id(), type, altered.size(), altered.get(0));
    }
    return remember(new ReconcileResult(provider.id(), type, started, atProvider.size(), missing, outdated, removed,
        failed, altered.size(), altered.subList(0, Math.min(altered.size(), ReconcileResult.LISTED)), null));
  }

  /**
   * Whether the ministry holds {@code latest}'s version but received other content under it: compared by the hash of
   * the canonical form, kept when the version was applied, since the national copy itself has other ids and may be
   * sealed.
   */
  private boolean isAltered(RegisteredProvider provider, Held mine, Latest latest) {
    return mine != null && !latest.isDelete() && !mine.deleted() && mine.version() == latest.version()
        && mine.contentHash() != null && !mine.contentHash().equals(hashes.of(provider, latest.resource()));
  }

  private boolean isWithdrawnPatient(RegisteredProvider provider, Held mine) {
    return "Patient".equals(mine.key().type())
        && optOuts.hasOptedOut(provider.id(), NationalIds.of(provider.id(), mine.key().id()));
  }

  private int apply(RegisteredProvider provider, Change change) {
    try {
      applier.apply(provider, change);
      return 0;
    } catch (RuntimeException refused) {
      LOG.warn("{} {} v{}: not reconciled: {}", provider.id(), change.source(), change.version(), refused.getMessage());
      return 1;
    }
  }

  /** The newest entry of each resource in the provider's type history. */
  private Map<String, Latest> latestVersions(RegisteredProvider provider, String type) {
    IGenericClient client = providers.of(provider);
    Map<String, Latest> latest = new LinkedHashMap<>();
    Bundle page = client.history().onType(type).returnBundle(Bundle.class).count(settings.reconcilePageSize())
        .execute();
    while (true) {
      for (BundleEntryComponent entry : page.getEntry()) {
        Latest version = Latest.of(entry);
        if (version != null) {
          latest.putIfAbsent(version.id(), version);
        }
      }
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return latest;
      }
      page = client.loadPage().next(page).execute();
    }
  }

  private ReconcileResult remember(ReconcileResult result) {
    last.put(result.provider() + "/" + result.type(), result);
    return result;
  }

  /** A resource's newest history entry: its version, and its content unless it is a deletion. */
  private record Latest(String id, long version, Resource resource) {

    boolean isDelete() {
      return resource == null;
    }

    static Latest of(BundleEntryComponent entry) {
      Resource resource = entry.getResource();
      boolean delete = entry.hasRequest() && entry.getRequest().getMethod() == HTTPVerb.DELETE;
      IdType id = resource != null && resource.getIdElement().hasIdPart() ? resource.getIdElement()
          : new IdType(entry.hasRequest() && entry.getRequest().hasUrl() ? entry.getRequest().getUrl()
              : entry.getFullUrl());
      String version = resource != null && resource.getMeta().hasVersionId() ? resource.getMeta().getVersionId()
          : id.getVersionIdPart();
      if (version == null && entry.hasResponse() && entry.getResponse().hasEtag()) {
        version = entry.getResponse().getEtag().replace("W/", "").replace("\"", "");
      }
      if (!id.hasIdPart() || version == null || !version.chars().allMatch(Character::isDigit)) {
        return null;
      }
      return new Latest(id.getIdPart(), Long.parseLong(version), delete ? null : resource);
    }
  }
}
