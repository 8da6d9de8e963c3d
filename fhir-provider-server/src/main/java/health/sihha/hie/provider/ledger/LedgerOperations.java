package health.sihha.hie.provider.ledger;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.EntryKey;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * The ledger on {@code /fhir}: {@code [type]/[id]/$ledger-proof} and {@code $verify} (a version given by
 * {@code version}, else the current one), and on the server's base the signed tree heads, the node's public key,
 * the consistency proof between two tree sizes and the full audit of the stored log.
 */
public final class LedgerOperations {

  private final LedgerNode node;
  private final StoredVersions versions;

  LedgerOperations(LedgerNode node, StoredVersions versions) {
    this.node = node;
    this.versions = versions;
  }

  @Operation(name = "$ledger-proof", idempotent = true, global = true)
  public Parameters proof(@IdParam IIdType id, @OperationParam(name = "version", max = 1) StringType version) {
    return node.proof(key(id, version));
  }

  @Operation(name = "$verify", idempotent = true, global = true)
  public Parameters verify(@IdParam IIdType id, @OperationParam(name = "version", max = 1) StringType version) {
    return node.verify(key(id, version));
  }

  @Operation(name = "$ledger-tree-heads", idempotent = true)
  public Parameters treeHeads(@OperationParam(name = "from", max = 1) IntegerType from,
      @OperationParam(name = "to", max = 1) IntegerType to) {
    return node.treeHeads(value(from), value(to));
  }

  @Operation(name = "$ledger-public-key", idempotent = true)
  public Parameters publicKey() {
    return node.publishedKey();
  }

  @Operation(name = "$ledger-consistency", idempotent = true)
  public Parameters consistency(@OperationParam(name = "first", min = 1, max = 1) IntegerType first,
      @OperationParam(name = "second", max = 1) IntegerType second) {
    if (value(first) == null) {
      throw new InvalidRequestException(Codes.of(1593) + "$ledger-consistency needs the first tree size");
    }
    return node.consistency(value(first), value(second));
  }

  @Operation(name = "$ledger-audit", idempotent = true)
  public Parameters audit() {
    return node.audit();
  }

  private EntryKey key(IIdType id, StringType version) {
    String type = id.getResourceType();
    String logicalId = id.getIdPart();
    String versionId = id.hasVersionIdPart() ? id.getVersionIdPart()
        : version != null && version.hasValue() ? version.getValue() : versions.currentVersion(type, logicalId);
    return StoredVersions.key(type, logicalId, versionId);
  }

  private static Integer value(IntegerType value) {
    return value == null ? null : value.getValue();
  }
}
