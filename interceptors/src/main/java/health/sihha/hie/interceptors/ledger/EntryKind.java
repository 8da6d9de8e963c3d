package health.sihha.hie.interceptors.ledger;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;

/** What a ledger entry anchors. The code is the entry's first byte after the format version; it never changes. */
public enum EntryKind {
  /** A version of a resource as stored: written by a create, an update or a delete (tombstone). */
  RESOURCE_VERSION(1),
  /** An {@code AuditEvent} (IHE BALP): who read or wrote what; makes access provable. */
  AUDIT_EVENT(2);

  private final int code;

  EntryKind(int code) {
    this.code = code;
  }

  /** The byte that stands for this kind in the binary encoding. */
  public int code() {
    return code;
  }

  /** The kind whose binary code is {@code code}. */
  public static EntryKind ofCode(int code) {
    for (EntryKind kind : values()) {
      if (kind.code == code) {
        return kind;
      }
    }
    throw new InvalidRequestException(Codes.of(1463) + "unknown ledger entry kind " + code);
  }
}
