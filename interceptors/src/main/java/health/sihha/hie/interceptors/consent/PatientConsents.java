package health.sihha.hie.interceptors.consent;

import java.util.Collection;
import java.util.List;
import org.hl7.fhir.r4.model.Consent;

/** Where a server's Consents are looked up: its own store, or memory in tests. */
public interface PatientConsents {

  /**
   * The Consents with status {@code active} of any of {@code patientIds} (ids without the {@code Patient/} type),
   * read afresh on every call so that a Consent just recorded or revoked counts at once.
   */
  List<Consent> active(Collection<String> patientIds);

  /** Every Consent with status {@code active}, of any patient, read afresh on every call. */
  List<Consent> allActive();
}
