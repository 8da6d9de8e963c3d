package health.sihha.hie.terminology.server.answers;

import static java.util.Objects.requireNonNull;

import health.sihha.hie.terminology.registry.TerminologySnapshot;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The answers of terminology reads already given, for the terminology as it is now: every entry belongs to one
 * snapshot of the registry, and a load, which publishes a new snapshot, empties the cache. Bounded by the total
 * size of the answers held; the least recently used go first. Thread-safe.
 */
public final class CachedAnswers {

  private final long capacity;
  private final long largestAnswer;
  private final Map<String, CachedAnswer> answers = new LinkedHashMap<>(256, 0.75f, true);
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong misses = new AtomicLong();
  private TerminologySnapshot snapshot;
  private long held;

  /**
   * @param capacity the most bytes of answers held (0 holds none)
   * @param largestAnswer the largest answer kept
   */
  public CachedAnswers(long capacity, long largestAnswer) {
    this.capacity = capacity;
    this.largestAnswer = Math.min(largestAnswer, capacity);
  }

  /** The answer to {@code request} under {@code current}, if it was given before under that snapshot. */
  synchronized CachedAnswer get(TerminologySnapshot current, String request) {
    CachedAnswer answer = current == snapshot ? answers.get(request) : null;
    (answer == null ? misses : hits).incrementAndGet();
    return answer;
  }

  /** Keeps {@code answer}, computed under {@code current}; an answer larger than the largest kept is not. */
  synchronized void put(TerminologySnapshot current, String request, CachedAnswer answer) {
    long size = answer.size() + request.length();
    if (size > largestAnswer) {
      return;
    }
    if (current != snapshot) {
      answers.clear();
      held = 0;
      snapshot = requireNonNull(current);
    }
    CachedAnswer replaced = answers.put(request, answer);
    held += size - (replaced == null ? 0 : replaced.size() + request.length());
    for (Iterator<Map.Entry<String, CachedAnswer>> oldest = answers.entrySet().iterator();
        held > capacity && oldest.hasNext(); ) {
      Map.Entry<String, CachedAnswer> evicted = oldest.next();
      held -= evicted.getValue().size() + evicted.getKey().length();
      oldest.remove();
    }
  }

  /** Requests answered from the cache so far. */
  public long hits() {
    return hits.get();
  }

  /** Cacheable requests the cache could not answer so far. */
  public long misses() {
    return misses.get();
  }

  /** The bytes of answers held now. */
  public synchronized long size() {
    return held;
  }
}
