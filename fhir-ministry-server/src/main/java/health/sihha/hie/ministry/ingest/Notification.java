package health.sihha.hie.ministry.ingest;

import health.sihha.hie.interceptors.ledger.Hash;
import jakarta.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * A provider's notification bundle, read ({@link NotificationReader}): its subscription status and its events, in
 * event-number order.
 *
 * @param subscription the provider's Subscription id (its logical id)
 * @param type {@code handshake}, {@code heartbeat}, {@code event-notification} or {@code query-event}
 * @param eventsSinceStart the highest event number the provider had assigned when it sent this, 0 when not given
 */
public record Notification(String subscription, String type, long eventsSinceStart, List<Event> events) {

  public Notification {
    events = List.copyOf(events);
  }

  public boolean isHeartbeat() {
    return "heartbeat".equals(type);
  }

  /**
   * One notification-event.
   *
   * @param number the event number
   * @param committed when the write committed at the provider, if given
   * @param change what happened to the focus; absent when the content is withheld from the ministry
   */
  public record Event(long number, @Nullable Instant committed, @Nullable Change change) {}

  /**
   * A version of a source resource: written ({@code resource} set) or deleted ({@code resource} null).
   *
   * @param version the provider's version id of the write or of the deletion
   * @param hash the version's hashes as the provider sent them; none for a deletion, or when fetched otherwise
   */
  public record Change(SourceKey source, long version, @Nullable Resource resource, @Nullable VersionHash hash) {

    /** A change that came without the provider's hashes (a reconciliation reads the provider's history). */
    public Change(SourceKey source, long version, @Nullable Resource resource) {
      this(source, version, resource, null);
    }

    public boolean isDelete() {
      return resource == null;
    }
  }

  /**
   * The hashes of a version's canonical form (interceptors/LEDGER.md) that a provider sends with it.
   *
   * @param salted SHA-256(the provider's salt ‖ canonical form): what the provider's ledger anchors for the version
   * @param unsalted SHA-256(canonical form): what the ministry checks the content it received against
   */
  public record VersionHash(Hash salted, Hash unsalted) {}
}
