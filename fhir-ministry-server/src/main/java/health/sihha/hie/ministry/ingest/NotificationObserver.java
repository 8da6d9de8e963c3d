package health.sihha.hie.ministry.ingest;

import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import java.util.Set;

/** Sees each notification after its events were applied: its event numbers, type and count. */
public interface NotificationObserver {

  /**
   * {@code notification} from {@code provider} was handled; {@code settled} are the numbers of its events that need
   * no redelivery (applied, held already, withheld, or refused for good with a 4xx).
   */
  void received(RegisteredProvider provider, Notification notification, Set<Long> settled);
}
