package health.sihha.hie.ministry.ingest;

import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;

/** Sees each notification after its events were applied: its event numbers, type and count. */
public interface NotificationObserver {

  void received(RegisteredProvider provider, Notification notification);
}
