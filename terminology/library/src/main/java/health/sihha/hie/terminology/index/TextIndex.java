package health.sihha.hie.terminology.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * The autocomplete index of one code system version: a sorted dictionary of folded words, each with the concepts
 * that use it, so that a typed prefix is a range of the dictionary and a concept matches a token when one of its
 * word ids falls in that token's range.
 *
 * <p>Concepts are numbered a second time in rank order (shorter display first, then code), and posting lists hold
 * those rank numbers, so walking the candidates of a token walks them already ranked.
 */
final class TextIndex {

  /** Match tiers, best first: exact code, code prefix, a display whose first word matches, any other display. */
  static final int EXACT_CODE = 0;
  static final int CODE_PREFIX = 1;
  static final int FIRST_WORD = 2;
  static final int OTHER_WORD = 3;

  private static final int SHORT_PREFIX = 2;

  private final String[] words;
  private final int[] postingStart;
  private final int[] postings;
  private final int[][] conceptWords;
  private final int[][] firstWords;
  private final int[] rankToConcept;
  private final String[] foldedCodes;
  private final String[] sortedFoldedCodes;
  private final int[] codeOrder;
  private final int[] codeRank;
  private final int[] codeRankToConcept;
  private final Map<String, int[]> shortPrefixes;
  private final String[] codesByLength;
  private final int[] lengthStart;
  private final Map<String, Integer> shortOverlaps = new ConcurrentHashMap<>();

  private TextIndex(String[] words, int[] postingStart, int[] postings, int[][] conceptWords, int[][] firstWords,
      int[] rankToConcept, String[] foldedCodes, String[] sortedFoldedCodes, int[] codeOrder) {
    this.words = words;
    this.postingStart = postingStart;
    this.postings = postings;
    this.conceptWords = conceptWords;
    this.firstWords = firstWords;
    this.rankToConcept = rankToConcept;
    this.foldedCodes = foldedCodes;
    this.sortedFoldedCodes = sortedFoldedCodes;
    this.codeOrder = codeOrder;
    this.codeRank = codeRanks(foldedCodes);
    this.codeRankToConcept = new int[codeRank.length];
    for (int c = 0; c < codeRank.length; c++) {
      codeRankToConcept[codeRank[c]] = c;
    }
    this.shortPrefixes = shortPrefixUnions();
    this.codesByLength = new String[codeRank.length];
    int longest = 0;
    for (int r = 0; r < codeRank.length; r++) {
      codesByLength[r] = foldedCodes[codeRankToConcept[r]];
      longest = Math.max(longest, codesByLength[r].length());
    }
    this.lengthStart = new int[longest + 2];
    int r = 0;
    for (int length = 0; length <= longest + 1; length++) {
      while (r < codesByLength.length && codesByLength[r].length() < length) {
        r++;
      }
      lengthStart[length] = r;
    }
  }

  /** Typing starts with one or two letters, whose candidates are most of the index: union them once. */
  private Map<String, int[]> shortPrefixUnions() {
    Map<String, int[]> unions = new HashMap<>();
    for (String word : words) {
      for (int length = 1; length <= Math.min(SHORT_PREFIX, word.length()); length++) {
        String prefix = word.substring(0, length);
        if (!unions.containsKey(prefix)) {
          unions.put(prefix, union(lowerBound(words, prefix), lowerBound(words, prefix + Character.MAX_VALUE)));
        }
      }
    }
    return unions;
  }

  /** Each concept's place in code-prefix order: shorter codes first (E11.9 before E11.65), then alphabetical. */
  private static int[] codeRanks(String[] foldedCodes) {
    Integer[] order = new Integer[foldedCodes.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingInt(c -> foldedCodes[c].length()).thenComparing(c -> foldedCodes[c]));
    int[] ranks = new int[foldedCodes.length];
    for (int r = 0; r < order.length; r++) {
      ranks[order[r]] = r;
    }
    return ranks;
  }

  /**
   * Indexes concepts {@code 0..codes.length-1}.
   *
   * @param names every searchable name of each concept, its display first
   * @param displayLengths the length of each concept's display, the first ranking key within a tier
   */
  static TextIndex build(String[] codes, List<List<String>> names, int[] displayLengths) {
    int n = codes.length;
    Integer[] byRank = new Integer[n];
    for (int i = 0; i < n; i++) {
      byRank[i] = i;
    }
    Arrays.sort(byRank, Comparator.<Integer>comparingInt(c -> displayLengths[c]).thenComparing(c -> codes[c]));
    int[] rankToConcept = new int[n];
    int[] conceptRank = new int[n];
    for (int r = 0; r < n; r++) {
      rankToConcept[r] = byRank[r];
      conceptRank[byRank[r]] = r;
    }

    Map<String, Integer> provisional = new HashMap<>();
    List<String> dictionary = new ArrayList<>();
    int[][] conceptWords = new int[n][];
    int[][] firstWords = new int[n][];
    for (int c = 0; c < n; c++) {
      List<String> conceptNames = names.get(c);
      int[] firsts = new int[conceptNames.size()];
      Arrays.fill(firsts, -1);
      int nameNumber = 0;
      int[] all = new int[8];
      int allCount = 0;
      for (String name : conceptNames) {
        List<String> nameWords = TextNormalizer.words(name);
        for (int w = 0; w < nameWords.size(); w++) {
          int id = provisional.computeIfAbsent(nameWords.get(w), word -> {
            dictionary.add(word);
            return dictionary.size() - 1;
          });
          if (w == 0) {
            firsts[nameNumber] = id;
          }
          if (allCount == all.length) {
            all = Arrays.copyOf(all, all.length * 2);
          }
          all[allCount++] = id;
        }
        nameNumber++;
      }
      conceptWords[c] = Arrays.copyOf(all, allCount);
      firstWords[c] = firsts;
    }

    String[] words = dictionary.toArray(String[]::new);
    Integer[] order = new Integer[words.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparing(i -> words[i]));
    int[] remap = new int[words.length];
    String[] sortedWords = new String[words.length];
    for (int i = 0; i < order.length; i++) {
      remap[order[i]] = i;
      sortedWords[i] = words[order[i]];
    }
    int[] counts = new int[words.length + 1];
    for (int c = 0; c < n; c++) {
      conceptWords[c] = remapSortedUnique(conceptWords[c], remap);
      for (int k = 0; k < firstWords[c].length; k++) {
        if (firstWords[c][k] >= 0) {
          firstWords[c][k] = remap[firstWords[c][k]];
        }
      }
      for (int w : conceptWords[c]) {
        counts[w + 1]++;
      }
    }
    int[] postingStart = new int[words.length + 1];
    for (int w = 0; w < words.length; w++) {
      postingStart[w + 1] = postingStart[w] + counts[w + 1];
    }
    int[] postings = new int[postingStart[words.length]];
    int[] fill = Arrays.copyOf(postingStart, words.length);
    for (int r = 0; r < n; r++) {
      for (int w : conceptWords[rankToConcept[r]]) {
        postings[fill[w]++] = r;
      }
    }

    String[] foldedCodes = new String[n];
    Integer[] byCode = new Integer[n];
    for (int c = 0; c < n; c++) {
      foldedCodes[c] = TextNormalizer.foldCode(codes[c]);
      byCode[c] = c;
    }
    Arrays.sort(byCode, Comparator.comparing(c -> foldedCodes[c]));
    int[] codeOrder = new int[n];
    String[] sortedFoldedCodes = new String[n];
    for (int i = 0; i < n; i++) {
      codeOrder[i] = byCode[i];
      sortedFoldedCodes[i] = foldedCodes[byCode[i]];
    }
    return new TextIndex(sortedWords, postingStart, postings, conceptWords, firstWords, rankToConcept, foldedCodes,
        sortedFoldedCodes, codeOrder);
  }

  private static int[] remapSortedUnique(int[] ids, int[] remap) {
    int[] mapped = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      mapped[i] = remap[ids[i]];
    }
    return Arrays.stream(mapped).sorted().distinct().toArray();
  }

  /**
   * The concepts {@code accept}ed that match {@code filter}, best first, at most {@code limit} of them, and how many
   * match in all.
   *
   * <p>Walking the candidates in rank order stops as soon as the page is full. The total is then still exact when
   * {@code acceptsAll} says every concept is accepted and one word was typed (it is counted from the posting lists);
   * otherwise the walk goes on to count.
   *
   * @param acceptsAll whether {@code accept} accepts every concept (a whole code system, inactive ones included)
   * @param rankedName whether name {@code k} of concept {@code c} (0 the display, then the designations) counts for
   *     the first-word tier: the display, and designations in the language the user reads
   */
  Matches search(String filter, IntPredicate accept, boolean acceptsAll, int limit, NameFilter rankedName) {
    String trimmed = filter.trim();
    String codeQuery = trimmed.isEmpty() || trimmed.chars().anyMatch(Character::isWhitespace)
        ? null : TextNormalizer.foldCode(trimmed);
    List<Hit> exact = new ArrayList<>();
    List<Hit> codePrefix = new ArrayList<>();
    List<Hit> firstWord = new ArrayList<>();
    List<Hit> otherWord = new ArrayList<>();
    int codeLo = 0;
    int codeHi = 0;
    int total = 0;

    if (codeQuery != null && !codeQuery.isEmpty()) {
      codeLo = lowerBound(sortedFoldedCodes, codeQuery);
      codeHi = lowerBound(sortedFoldedCodes, codeQuery + Character.MAX_VALUE);
      total += acceptsAll
          ? allCodeMatches(codeQuery, codeLo, codeHi, limit, exact, codePrefix)
          : codeMatches(codeQuery, codeLo, codeHi, accept, limit, exact, codePrefix);
    }

    List<String> tokens = TextNormalizer.words(trimmed);
    if (!tokens.isEmpty()) {
      int[] lows = new int[tokens.size()];
      int[] highs = new int[tokens.size()];
      int narrowest = 0;
      for (int t = 0; t < tokens.size(); t++) {
        lows[t] = lowerBound(words, tokens.get(t));
        highs[t] = lowerBound(words, tokens.get(t) + Character.MAX_VALUE);
        if (postingCount(lows[t], highs[t]) < postingCount(lows[narrowest], highs[narrowest])) {
          narrowest = t;
        }
      }
      boolean countFromPostings = acceptsAll && tokens.size() == 1;
      int pageNeed = limit - exact.size() - codePrefix.size();
      int[] union = candidates(tokens.get(narrowest), lows[narrowest], highs[narrowest]);
      for (int rank : union) {
        int concept = rankToConcept[rank];
        if (codeQuery != null && foldedCodes[concept].startsWith(codeQuery)) {
          continue;
        }
        if (!matchesAll(conceptWords[concept], lows, highs, narrowest) || !accept.test(concept)) {
          continue;
        }
        total++;
        boolean first = firstWordMatches(concept, lows, highs, rankedName);
        List<Hit> tier = first ? firstWord : otherWord;
        if (tier.size() < limit) {
          tier.add(new Hit(concept, first ? FIRST_WORD : OTHER_WORD));
        }
        if (countFromPostings && firstWord.size() >= pageNeed) {
          total = codeHi - codeLo + union.length - overlap(codeQuery, codeLo, codeHi, lows[0], highs[0]);
          break;
        }
      }
    }

    List<Hit> ranked = new ArrayList<>(Math.min(limit, exact.size() + codePrefix.size() + firstWord.size()
        + otherWord.size()));
    for (List<Hit> tier : List.of(exact, codePrefix, firstWord, otherWord)) {
      for (Hit hit : tier) {
        if (ranked.size() == limit) {
          return new Matches(ranked, total);
        }
        ranked.add(hit);
      }
    }
    return new Matches(ranked, total);
  }

  /** Exact and prefix code matches in code-sorted range [lo, hi); the best {@code limit} prefixes, shortest first. */
  private int codeMatches(String codeQuery, int lo, int hi, IntPredicate accept, int limit, List<Hit> exact,
      List<Hit> codePrefix) {
    int[] ranks = new int[hi - lo];
    int count = 0;
    int total = 0;
    for (int i = lo; i < hi; i++) {
      int concept = codeOrder[i];
      if (!accept.test(concept)) {
        continue;
      }
      total++;
      if (sortedFoldedCodes[i].equals(codeQuery)) {
        exact.add(new Hit(concept, EXACT_CODE));
      } else {
        ranks[count++] = codeRank[concept];
      }
    }
    Arrays.sort(ranks, 0, count);
    for (int i = 0; i < Math.min(count, limit); i++) {
      codePrefix.add(new Hit(codeRankToConcept[ranks[i]], CODE_PREFIX));
    }
    return total;
  }

  /**
   * Code prefixes when every concept is accepted, without walking the code range: codes are also held sorted by
   * length, then code, so the shortest matching codes are found one length at a time.
   */
  private int allCodeMatches(String codeQuery, int lo, int hi, int limit, List<Hit> exact, List<Hit> codePrefix) {
    if (lo < hi && sortedFoldedCodes[lo].equals(codeQuery)) {
      exact.add(new Hit(codeOrder[lo], EXACT_CODE));
    }
    for (int length = codeQuery.length() + 1; length < lengthStart.length - 1 && codePrefix.size() < limit;
        length++) {
      int from = lowerBound(codesByLength, lengthStart[length], lengthStart[length + 1], codeQuery);
      int to = lowerBound(codesByLength, from, lengthStart[length + 1], codeQuery + Character.MAX_VALUE);
      for (int i = from; i < to && codePrefix.size() < limit; i++) {
        codePrefix.add(new Hit(codeRankToConcept[i], CODE_PREFIX));
      }
    }
    return hi - lo;
  }

  /**
   * How many concepts with a code in [codeLo, codeHi) also have a word in [wordLo, wordHi). Short queries (a letter
   * or two) cover tens of thousands of codes, so their counts are kept once computed.
   */
  private int overlap(String codeQuery, int codeLo, int codeHi, int wordLo, int wordHi) {
    if (codeQuery == null || codeLo == codeHi) {
      return 0;
    }
    if (codeQuery.length() <= SHORT_PREFIX + 1) {
      return shortOverlaps.computeIfAbsent(codeQuery, q -> countOverlap(codeLo, codeHi, wordLo, wordHi));
    }
    return countOverlap(codeLo, codeHi, wordLo, wordHi);
  }

  private int countOverlap(int codeLo, int codeHi, int wordLo, int wordHi) {
    int both = 0;
    for (int i = codeLo; i < codeHi; i++) {
      if (containsInRange(conceptWords[codeOrder[i]], wordLo, wordHi)) {
        both++;
      }
    }
    return both;
  }

  private int postingCount(int lo, int hi) {
    return postingStart[hi] - postingStart[lo];
  }

  /** The ranks of concepts with a word in [lo, hi), ascending; precomputed for one- and two-letter prefixes. */
  private int[] candidates(String token, int lo, int hi) {
    if (token.length() <= SHORT_PREFIX) {
      int[] precomputed = shortPrefixes.get(token);
      return precomputed == null ? new int[0] : precomputed;
    }
    return union(lo, hi);
  }

  private int[] union(int lo, int hi) {
    if (hi - lo == 1) {
      return Arrays.copyOfRange(postings, postingStart[lo], postingStart[hi]);
    }
    BitSet ranks = new BitSet(rankToConcept.length);
    for (int p = postingStart[lo]; p < postingStart[hi]; p++) {
      ranks.set(postings[p]);
    }
    return ranks.stream().toArray();
  }

  private static boolean matchesAll(int[] conceptWords, int[] lows, int[] highs, int skip) {
    for (int t = 0; t < lows.length; t++) {
      if (t != skip && !containsInRange(conceptWords, lows[t], highs[t])) {
        return false;
      }
    }
    return true;
  }

  private boolean firstWordMatches(int concept, int[] lows, int[] highs, NameFilter rankedName) {
    int[] firsts = firstWords[concept];
    for (int k = 0; k < firsts.length; k++) {
      if (firsts[k] < 0 || !rankedName.test(concept, k)) {
        continue;
      }
      for (int t = 0; t < lows.length; t++) {
        if (firsts[k] >= lows[t] && firsts[k] < highs[t]) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean containsInRange(int[] sortedIds, int lo, int hi) {
    if (lo >= hi) {
      return false;
    }
    int at = Arrays.binarySearch(sortedIds, lo);
    int insertion = at >= 0 ? at : -at - 1;
    return insertion < sortedIds.length && sortedIds[insertion] < hi;
  }

  private static int lowerBound(String[] sorted, String key) {
    return lowerBound(sorted, 0, sorted.length, key);
  }

  private static int lowerBound(String[] sorted, int from, int to, String key) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid].compareTo(key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** Selects names of a concept by number: 0 the display, then its designations in order. */
  @FunctionalInterface
  interface NameFilter {
    boolean test(int concept, int name);
  }

  /** A matching concept and the tier it matched in. */
  record Hit(int concept, int tier) {}

  /** The best matches, and how many matched in all. */
  record Matches(List<Hit> hits, int total) {}
}
