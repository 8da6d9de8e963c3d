package health.sihha.hie.provider.ledger;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.EntryKey;
import health.sihha.hie.interceptors.ledger.log.LedgerAudit;
import health.sihha.hie.interceptors.ledger.log.LedgerLog;
import health.sihha.hie.interceptors.ledger.merkle.ConsistencyProof;
import health.sihha.hie.interceptors.ledger.store.LedgerStore;
import health.sihha.hie.interceptors.ledger.treehead.LedgerPublicKey;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeadWitness;
import health.sihha.hie.interceptors.ledger.verify.AuditorVerifier;
import health.sihha.hie.interceptors.ledger.verify.LedgerEvidence;
import health.sihha.hie.interceptors.ledger.verify.VerificationResult;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** What the ledger operations answer: proofs, verification against the stored resource, tree heads and checks. */
final class LedgerNode {

  private final LedgerLog log;
  private final LedgerStore store;
  private final NodeKeyFile keys;
  private final String nodeId;
  private final StoredVersions versions;
  private final AuditorVerifier verifier;
  private final FhirContext context;

  LedgerNode(LedgerLog log, LedgerStore store, NodeKeyFile keys, String nodeId, StoredVersions versions,
      AuditorVerifier verifier, FhirContext context) {
    this.log = log;
    this.store = store;
    this.keys = keys;
    this.nodeId = nodeId;
    this.versions = versions;
    this.verifier = verifier;
    this.context = context;
  }

  /** The entry of {@code key}, its inclusion proof and the latest signed tree head. */
  Parameters proof(EntryKey key) {
    LedgerEvidence evidence = evidence(key);
    Parameters out = new Parameters();
    LedgerParameters.entry(out, evidence.entry());
    LedgerParameters.inclusion(out, evidence.proof());
    LedgerParameters.treeHead(out, "treeHead", evidence.treeHead());
    return out;
  }

  /** Whether the stored version of {@code key} is the one anchored under the latest signed head, and why not. */
  Parameters verify(EntryKey key) {
    LedgerEvidence evidence = evidence(key);
    String json = context.newJsonParser().encodeResourceToString(versions.read(key));
    VerificationResult result = verifier.verify(json, keys.salt(), evidence, publicKey());
    Parameters out = new Parameters();
    out.addParameter().setName("valid").setValue(new BooleanType(result.verified()));
    result.failures().forEach(f -> out.addParameter().setName("failure").setValue(new StringType(f.name())));
    result.details().forEach(d -> out.addParameter().setName("detail").setValue(new StringType(d)));
    LedgerParameters.entry(out, evidence.entry());
    LedgerParameters.treeHead(out, "treeHead", evidence.treeHead());
    return out;
  }

  private LedgerEvidence evidence(EntryKey key) {
    return log.evidence(key).orElseThrow(() -> new ResourceNotFoundException(Codes.of(1592) + key
        + " is not in the ledger (yet: versions are anchored within seconds of their commit)"));
  }

  /** The heads signed for sizes in {@code [from, to]}; without bounds, the latest. */
  Parameters treeHeads(Integer from, Integer to) {
    List<SignedTreeHead> heads = from == null && to == null
        ? log.latest().stream().toList()
        : store.treeHeads(from == null ? 0 : from, to == null ? Long.MAX_VALUE : to);
    Parameters out = new Parameters();
    heads.forEach(head -> LedgerParameters.treeHead(out, "treeHead", head));
    return out;
  }

  Parameters publishedKey() {
    Parameters out = new Parameters();
    LedgerParameters.publicKey(out, nodeId, publicKey());
    return out;
  }

  /**
   * The consistency proof between the heads stored for {@code first} and {@code second} entries (the latest head
   * without {@code second}), checked here as a witness would: signatures, then the proof between the two roots.
   */
  Parameters consistency(int first, Integer second) {
    SignedTreeHead newer = second == null ? log.latest().orElseThrow(() -> notSigned(0)) : head(second);
    if (first > newer.treeSize()) {
      throw new InvalidRequestException(Codes.of(1593) + "the first tree (" + first + " entries) is larger than the"
          + " second (" + newer.treeSize() + ")");
    }
    SignedTreeHead older = head(first);
    Parameters out = new Parameters();
    try {
      ConsistencyProof proof = log.consistencyProof(first, newer.treeSize());
      TreeHeadWitness.Check check = TreeHeadWitness.check(nodeId, publicKey(), older, newer, proof);
      out.addParameter().setName("consistent").setValue(new BooleanType(check.consistent()));
      out.addParameter().setName("verdict").setValue(new StringType(check.verdict().name()));
      out.addParameter().setName("detail").setValue(new StringType(check.detail()));
      LedgerParameters.consistency(out, proof);
    } catch (BaseServerResponseException e) {
      out.addParameter().setName("consistent").setValue(new BooleanType(false));
      out.addParameter().setName("verdict").setValue(new StringType("UNPROVABLE"));
      out.addParameter().setName("detail").setValue(new StringType("the node cannot prove its own log: "
          + e.getMessage()));
    }
    LedgerParameters.treeHead(out, "firstTreeHead", older);
    LedgerParameters.treeHead(out, "secondTreeHead", newer);
    return out;
  }

  /** The full O(n) check of the stored log against itself and the node's key (see {@link LedgerAudit}). */
  Parameters audit() {
    Parameters out = new Parameters();
    try {
      LedgerAudit.Report report = LedgerAudit.verifyStore(store, nodeId, publicKey());
      out.addParameter().setName("intact").setValue(new BooleanType(report.intact()));
      out.addParameter().setName("entries").setValue(new IntegerType(Math.toIntExact(report.entries())));
      out.addParameter().setName("treeHeads").setValue(new IntegerType(Math.toIntExact(report.treeHeads())));
      report.problems().forEach(p -> out.addParameter().setName("problem").setValue(new StringType(p)));
    } catch (BaseServerResponseException e) {
      out.addParameter().setName("intact").setValue(new BooleanType(false));
      out.addParameter().setName("problem").setValue(new StringType(e.getMessage()));
    }
    return out;
  }

  private SignedTreeHead head(int treeSize) {
    if (treeSize < 0) {
      throw new InvalidRequestException(Codes.of(1593) + "a tree size is at least 0, not " + treeSize);
    }
    return store.treeHead(treeSize).orElseThrow(() -> notSigned(treeSize));
  }

  private static ResourceNotFoundException notSigned(long treeSize) {
    return new ResourceNotFoundException(Codes.of(1594) + "no tree head was signed for " + treeSize + " entries");
  }

  private LedgerPublicKey publicKey() {
    return keys.keys().publicKey();
  }
}
