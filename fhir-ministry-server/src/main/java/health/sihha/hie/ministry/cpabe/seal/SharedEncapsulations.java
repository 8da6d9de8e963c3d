package health.sihha.hie.ministry.cpabe.seal;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.envelope.SharedEncapsulation;
import health.sihha.hie.interceptors.cpabe.scheme.MasterKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The encapsulation that sealing shares, per policy and key epoch: one FABEO encapsulation serves up to
 * {@code maxUses} envelopes during at most {@code maxAge}, then the next seal makes a new one. A reader then pays the
 * pairings once per shared header, not once per resource (a patient's record sealed in one delivery mostly shares
 * one header per policy), and the sealer one encapsulation per window. The envelopes sharing a header have the same
 * policy and epoch, so sharing grants nobody more; a copy of the database shows which were sealed in the same window.
 * {@code maxUses} 1 gives every envelope its own. An encapsulation is destroyed (its key-encryption key zeroed) once
 * it is retired and its last lease is closed.
 */
public final class SharedEncapsulations {

  /** The use of one encapsulation by one seal; close it when the envelope is made. */
  public interface Lease extends AutoCloseable {

    SharedEncapsulation encapsulation();

    @Override
    void close();
  }

  private record Key(String policy, long epoch) {}

  private final CpAbe abe;
  private final int maxUses;
  private final Duration maxAge;
  private final Clock clock;
  private final Map<Key, Slot> slots = new ConcurrentHashMap<>();

  public SharedEncapsulations(CpAbe abe, int maxUses, Duration maxAge, Clock clock) {
    if (maxUses < 1 || maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("an encapsulation serves at least one envelope for a positive time");
    }
    this.abe = requireNonNull(abe);
    this.maxUses = maxUses;
    this.maxAge = maxAge;
    this.clock = requireNonNull(clock);
  }

  /** A lease of the current encapsulation for {@code policy} and {@code epoch}, made if there is none. */
  public Lease lease(MasterKey master, String policy, long epoch) {
    requireNonNull(master, "master");
    Key key = new Key(requireNonNull(policy, "policy"), epoch);
    Instant now = clock.instant();
    // an older epoch's encapsulations are never leased again, and an idle one should not outlive its time
    slots.entrySet().removeIf(entry -> entry.getKey().epoch() < epoch ? entry.getValue().retired()
        : entry.getValue().expired(now));
    while (true) {
      Slot slot = slots.computeIfAbsent(key,
          k -> new Slot(abe.encapsulate(master, policy, epoch), now.plus(maxAge)));
      if (slot.acquire(now)) {
        return slot.new Held();
      }
      slots.remove(key, slot);
    }
  }

  /** How many encapsulations are current (the others are retired). */
  int current() {
    return slots.size();
  }

  private final class Slot {

    private final SharedEncapsulation encapsulation;
    private final Instant expires;
    private int uses;
    private int inUse;
    private boolean retired;

    Slot(SharedEncapsulation encapsulation, Instant expires) {
      this.encapsulation = encapsulation;
      this.expires = expires;
    }

    synchronized boolean acquire(Instant now) {
      if (retired || uses >= maxUses || !now.isBefore(expires)) {
        retire();
        return false;
      }
      uses++;
      inUse++;
      return true;
    }

    /** Whether it is past its time; if so it is retired. */
    synchronized boolean expired(Instant now) {
      if (now.isBefore(expires)) {
        return false;
      }
      retire();
      return true;
    }

    /** Retires it now; true. */
    synchronized boolean retired() {
      retire();
      return true;
    }

    private void retire() {
      retired = true;
      if (inUse == 0) {
        encapsulation.destroy();
      }
    }

    synchronized void release() {
      inUse--;
      if (retired && inUse == 0) {
        encapsulation.destroy();
      }
    }

    private final class Held implements Lease {

      private boolean closed;

      @Override
      public SharedEncapsulation encapsulation() {
        return encapsulation;
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          release();
        }
      }
    }
  }
}
