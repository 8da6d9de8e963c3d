package health.sihha.hie.interceptors.ledger.log;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.merkle.ConsistencyProof;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeadWitness;
import java.util.Optional;

/**
 * An anchor that is an in-process {@link TreeHeadWitness}: what a Fabric chaincode does on its channel, without the
 * channel. It refuses a head that does not extend the last one it accepted.
 */
public final class WitnessAnchor implements TreeHeadAnchor {

  private final TreeHeadWitness witness;

  public WitnessAnchor(TreeHeadWitness witness) {
    this.witness = requireNonNull(witness);
  }

  @Override
  public Optional<SignedTreeHead> latestAnchored() {
    return witness.latest();
  }

  @Override
  public void anchor(SignedTreeHead newer, ConsistencyProof fromLatestAnchored) {
    TreeHeadWitness.Check check = witness.observe(newer, fromLatestAnchored);
    if (!check.consistent()) {
      throw new PreconditionFailedException(Codes.of(1485) + "the witness refused " + newer + ": " + check.verdict()
          + ", " + check.detail());
    }
  }
}
