package health.sihha.hie.interceptors.ledger;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;

/**
 * What a ledger entry is about: a kind and one version of one resource, e.g. {@code RESOURCE_VERSION
 * Observation/42/_history/3}. A log holds at most one entry per key.
 *
 * @param kind what the entry anchors
 * @param resourceType the FHIR resource type, e.g. {@code Observation} or {@code AuditEvent}
 * @param logicalId the resource's logical id (FHIR {@code id}: 1-64 of {@code A-Z a-z 0-9 - .})
 * @param versionId the version's {@code meta.versionId} (same syntax as the logical id)
 */
public record EntryKey(EntryKind kind, String resourceType, String logicalId, String versionId) {

  public EntryKey {
    requireNonNull(kind);
    if (!isType(resourceType)) {
      throw invalid("resource type", resourceType);
    }
    if (!isId(logicalId)) {
      throw invalid("logical id", logicalId);
    }
    if (!isId(versionId)) {
      throw invalid("version id", versionId);
    }
  }

  /** {@code [A-Z][A-Za-z]{0,63}}, without a regular expression: keys are made for every write. */
  private static boolean isType(String value) {
    if (value == null || value.isEmpty() || value.length() > 64 || value.charAt(0) < 'A' || value.charAt(0) > 'Z') {
      return false;
    }
    for (int i = 1; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z')) {
        return false;
      }
    }
    return true;
  }

  /** {@code [A-Za-z0-9\-.]{1,64}}, the FHIR {@code id} syntax. */
  private static boolean isId(String value) {
    if (value == null || value.isEmpty() || value.length() > 64) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  private static InvalidRequestException invalid(String what, String value) {
    return new InvalidRequestException(Codes.of(1464) + "invalid " + what + " for a ledger entry: " + value);
  }

  @Override
  public String toString() {
    return kind + " " + resourceType + "/" + logicalId + "/_history/" + versionId;
  }
}
