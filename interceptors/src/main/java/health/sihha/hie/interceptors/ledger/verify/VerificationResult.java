package health.sihha.hie.interceptors.ledger.verify;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What an auditor's check of one resource version found.
 *
 * @param failures what failed; empty when everything was verified
 * @param details one sentence per failure, for a report
 */
public record VerificationResult(Set<Failure> failures, List<String> details) {

  /** What can fail. */
  public enum Failure {
    /** The resource JSON is not a FHIR R4 resource the canonical form can be made of. */
    RESOURCE_UNREADABLE,
    /** The salted hash of the resource's canonical form is not the entry's: the resource is not the one anchored. */
    HASH_MISMATCH,
    /** The resource's type, id or version is not the entry's. */
    METADATA_MISMATCH,
    /** The inclusion proof does not lead from the entry to the tree head's root. */
    PROOF_INVALID,
    /** The tree head is not signed by the node's key. */
    SIGNATURE_INVALID
  }

  public VerificationResult {
    failures = failures.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(failures));
    details = List.copyOf(details);
  }

  /** Whether the resource is proven to be the version the node anchored under its signed tree head. */
  public boolean verified() {
    return failures.isEmpty();
  }
}
