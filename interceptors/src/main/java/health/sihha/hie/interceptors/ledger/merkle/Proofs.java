package health.sihha.hie.interceptors.ledger.merkle;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.ledger.Hash;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds RFC 9162 roots and proofs from stored complete subtrees. A proof is first planned as the list of ranges
 * whose MTH it holds (section 2.1.3.1 PATH and 2.1.4.1 PROOF, in their order), then every range is decomposed into
 * complete subtrees, all of which are read in one {@link NodeReader} call: O(log n) hashes for a proof, and O(log n)
 * reads, whatever the size of the log.
 */
public final class Proofs {

  private Proofs() {}

  /** MTH(D[n]) from the complete subtrees of {@code [0, treeSize)}. */
  public static Hash rootHash(long treeSize, NodeReader reader) {
    if (treeSize == 0) {
      return TreeHasher.EMPTY_ROOT;
    }
    return hashes(List.of(new Range(0, treeSize)), reader).get(0);
  }

  /** PATH(leafIndex, D[treeSize]). */
  public static InclusionProof inclusionProof(long leafIndex, long treeSize, NodeReader reader) {
    return new InclusionProof(leafIndex, treeSize, hashes(inclusionRanges(leafIndex, treeSize), reader));
  }

  /** PROOF(firstSize, D[secondSize]); empty when the sizes are equal or the first is 0. */
  public static ConsistencyProof consistencyProof(long firstSize, long secondSize, NodeReader reader) {
    return new ConsistencyProof(firstSize, secondSize, hashes(consistencyRanges(firstSize, secondSize), reader));
  }

  /** The ranges whose MTH make up PATH(m, D[n]), in proof order (from the leaf up). */
  public static List<Range> inclusionRanges(long m, long n) {
    if (m < 0 || m >= n) {
      throw new InvalidRequestException(Codes.of(1470) + "no leaf " + m + " in a tree of size " + n);
    }
    List<Range> topDown = new ArrayList<>();
    long begin = 0;
    long end = n;
    while (end - begin > 1) {
      long k = Range.split(end - begin);
      if (m < begin + k) {
        // PATH(m, D[n]) = PATH(m, D[0:k]) : MTH(D[k:n])
        topDown.add(new Range(begin + k, end));
        end = begin + k;
      } else {
        // PATH(m, D[n]) = PATH(m - k, D[k:n]) : MTH(D[0:k])
        topDown.add(new Range(begin, begin + k));
        begin = begin + k;
      }
    }
    Collections.reverse(topDown);
    return topDown;
  }

  /** The ranges whose MTH make up PROOF(m, D[n]), in proof order. */
  public static List<Range> consistencyRanges(long m, long n) {
    if (m < 0 || m > n) {
      throw new InvalidRequestException(Codes.of(1471) + "no consistency proof from size " + m + " to " + n);
    }
    List<Range> topDown = new ArrayList<>();
    if (m == 0 || m == n) {
      return topDown;
    }
    // SUBPROOF(m, D[begin:end], b), with m relative to begin
    long begin = 0;
    long end = n;
    boolean b = true;
    long rel = m;
    while (rel != end - begin) {
      long k = Range.split(end - begin);
      if (rel <= k) {
        // SUBPROOF(m, D[n], b) = SUBPROOF(m, D[0:k], b) : MTH(D[k:n])
        topDown.add(new Range(begin + k, end));
        end = begin + k;
      } else {
        // SUBPROOF(m, D[n], b) = SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k])
        topDown.add(new Range(begin, begin + k));
        begin = begin + k;
        rel -= k;
        b = false;
      }
    }
    if (!b) {
      // SUBPROOF(m, D[m], false) = {MTH(D[m])}
      topDown.add(new Range(begin, end));
    }
    Collections.reverse(topDown);
    return topDown;
  }

  /** The MTH of every range, reading all their complete subtrees at once. */
  static List<Hash> hashes(List<Range> ranges, NodeReader reader) {
    List<NodeId> ids = new ArrayList<>();
    List<Integer> counts = new ArrayList<>(ranges.size());
    for (Range range : ranges) {
      List<NodeId> parts = range.decompose();
      ids.addAll(parts);
      counts.add(parts.size());
    }
    List<Hash> read = ids.isEmpty() ? List.of() : reader.read(ids);
    if (read.size() != ids.size()) {
      throw new InternalErrorException(Codes.of(1472) + "the store answered " + read.size() + " of " + ids.size()
          + " subtree hashes");
    }
    List<Hash> hashes = new ArrayList<>(ranges.size());
    int at = 0;
    for (int count : counts) {
      hashes.add(Range.fold(read.subList(at, at + count)));
      at += count;
    }
    return hashes;
  }
}
