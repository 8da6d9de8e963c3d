package health.sihha.hie.ministry.witness;

import health.sihha.hie.interceptors.ledger.treehead.LedgerPublicKey;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What the ministry holds of one provider's ledger: the node's key, the latest head it accepted, and the outcome of
 * the latest check (which, when refused, did not replace the head).
 *
 * @param provider the registered provider
 * @param key the node's key, pinned or kept from first use
 * @param head the latest head accepted, null before the first
 * @param checkedAt when the latest check ran
 * @param verdict its outcome ({@code TreeHeadWitness.Verdict}, or {@code UNREACHABLE}, {@code NO_LEDGER},
 *     {@code KEY_CHANGED}, {@code UNPROVABLE})
 * @param detail a sentence saying what was found
 */
public record WitnessedHead(String provider, @Nullable LedgerPublicKey key, @Nullable SignedTreeHead head,
    Instant checkedAt, String verdict, String detail) {

  /** The verdict of a head accepted. */
  public static final String CONSISTENT = "CONSISTENT";

  public boolean consistent() {
    return CONSISTENT.equals(verdict);
  }
}
