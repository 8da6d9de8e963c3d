package health.sihha.hie.interceptors.ledger.verify;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.sihha.hie.interceptors.ledger.EntryKey;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.canonical.NodeSalt;
import health.sihha.hie.interceptors.ledger.canonical.ResourceCanonicalizer;
import health.sihha.hie.interceptors.ledger.canonical.ResourceHasher;
import health.sihha.hie.interceptors.ledger.merkle.InclusionProof;
import health.sihha.hie.interceptors.ledger.merkle.MerkleVerifier;
import health.sihha.hie.interceptors.ledger.merkle.TreeHasher;
import health.sihha.hie.interceptors.ledger.treehead.LedgerPublicKey;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import health.sihha.hie.interceptors.ledger.verify.VerificationResult.Failure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What an auditor runs, apart from any node: given a resource version's JSON, the node's salt, the ledger entry, its
 * inclusion proof and the node's signed tree head and public key, checks that the resource is the version the node
 * anchored. Every check runs, and the result names each one that failed:
 *
 * <ol>
 *   <li>the tree head's Ed25519 signature by the node's key ({@link Failure#SIGNATURE_INVALID});
 *   <li>the inclusion proof from the entry's leaf hash to the head's root, for the head's size
 *       ({@link Failure#PROOF_INVALID});
 *   <li>the salted hash of the resource's canonical form against the entry's hash ({@link Failure#HASH_MISMATCH});
 *   <li>the resource's type, and its id and {@code meta.versionId} where the JSON has them, against the entry's
 *       ({@link Failure#METADATA_MISMATCH}).
 * </ol>
 *
 * <p>Thread-safe.
 */
public final class AuditorVerifier {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ResourceCanonicalizer canonicalizer;

  /** A verifier with the canonical form of the node's server ({@code ResourceCanonicalizer.r4(base)}). */
  public AuditorVerifier(ResourceCanonicalizer canonicalizer) {
    this.canonicalizer = requireNonNull(canonicalizer);
  }

  /** Checks {@code resourceJson} against {@code evidence}. */
  public VerificationResult verify(String resourceJson, NodeSalt salt, LedgerEvidence evidence, LedgerPublicKey key) {
    return verify(resourceJson, salt, evidence.entry(), evidence.proof(), evidence.treeHead(), key);
  }

  /** Checks {@code resourceJson} against its entry, the entry's inclusion proof and the signed tree head. */
  public VerificationResult verify(String resourceJson, NodeSalt salt, LedgerEntry entry, InclusionProof proof,
      SignedTreeHead treeHead, LedgerPublicKey key) {
    Set<Failure> failures = EnumSet.noneOf(Failure.class);
    List<String> details = new ArrayList<>();

    if (!TreeHeads.verify(treeHead, key)) {
      failures.add(Failure.SIGNATURE_INVALID);
      details.add("the tree head " + treeHead + " is not signed by key " + key.keyId());
    }

    if (proof.treeSize() != treeHead.treeSize()) {
      failures.add(Failure.PROOF_INVALID);
      details.add("the inclusion proof is for a tree of " + proof.treeSize() + " entries, the tree head is of "
          + treeHead.treeSize());
    } else if (!MerkleVerifier.verifyInclusion(TreeHasher.leafHash(entry.encode()), proof, treeHead.rootHash())) {
      failures.add(Failure.PROOF_INVALID);
      details.add("the inclusion proof of leaf " + proof.leafIndex() + " does not lead from " + entry.key()
          + " to the root of " + treeHead);
    }

    try {
      String canonical = canonicalizer.canonicalJson(resourceJson);
      Hash salted = ResourceHasher.saltedHash(salt, canonical.getBytes(StandardCharsets.UTF_8));
      if (!salted.constantTimeEquals(entry.hash())) {
        failures.add(Failure.HASH_MISMATCH);
        details.add("the resource's salted canonical hash " + salted + " is not the anchored " + entry.hash());
      }
      String mismatch = metadataMismatch(resourceJson, entry.key());
      if (mismatch != null) {
        failures.add(Failure.METADATA_MISMATCH);
        details.add(mismatch);
      }
    } catch (BaseServerResponseException e) {
      failures.add(Failure.RESOURCE_UNREADABLE);
      details.add("the resource cannot be read: " + e.getMessage());
    }
    return new VerificationResult(failures, details);
  }

  private static String metadataMismatch(String resourceJson, EntryKey key) {
    JsonNode resource;
    try {
      resource = JSON.readTree(resourceJson);
    } catch (IOException e) {
      return "the resource JSON cannot be read: " + e.getMessage();
    }
    String type = resource.path("resourceType").asText();
    if (!type.equals(key.resourceType())) {
      return "the resource is a " + type + ", the entry is for a " + key.resourceType();
    }
    JsonNode id = resource.path("id");
    if (id.isTextual() && !id.asText().equals(key.logicalId())) {
      return "the resource's id is " + id.asText() + ", the entry's " + key.logicalId();
    }
    JsonNode version = resource.path("meta").path("versionId");
    if (version.isTextual() && !version.asText().equals(key.versionId())) {
      return "the resource's version is " + version.asText() + ", the entry's " + key.versionId();
    }
    return null;
  }
}
