package health.sihha.hie.interceptors.ledger;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import java.util.regex.Pattern;

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

  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{0,63}");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  public EntryKey {
    requireNonNull(kind);
    check(TYPE, resourceType, "resource type");
    check(ID, logicalId, "logical id");
    check(ID, versionId, "version id");
  }

  private static void check(Pattern pattern, String value, String what) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new InvalidRequestException(Codes.of(1464) + "invalid " + what + " for a ledger entry: " + value);
    }
  }

  @Override
  public String toString() {
    return kind + " " + resourceType + "/" + logicalId + "/_history/" + versionId;
  }
}
