package health.sihha.hie.interceptors.audit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.AuditEvent;

/** Keeps AuditEvents in memory, for tests and for a demo without an audit repository. */
public final class InMemoryAuditSink implements AuditSink {

  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void write(AuditEvent event) {
    events.add(event);
  }

  /** The events written so far, oldest first. */
  public List<AuditEvent> events() {
    return List.copyOf(events);
  }

  public void clear() {
    events.clear();
  }
}
