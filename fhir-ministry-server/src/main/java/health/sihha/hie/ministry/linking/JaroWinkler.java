package health.sihha.hie.ministry.linking;

/**
 * Jaro–Winkler similarity (Winkler 1990): the Jaro similarity of two strings, raised for a common prefix of up to
 * four characters with the standard scaling factor 0.1. 1 means equal, 0 nothing in common.
 */
final class JaroWinkler {

  private static final double PREFIX_SCALE = 0.1;
  private static final int MAX_PREFIX = 4;

  private JaroWinkler() {}

  static double similarity(String a, String b) {
    double jaro = jaro(a, b);
    int prefix = 0;
    int limit = Math.min(MAX_PREFIX, Math.min(a.length(), b.length()));
    while (prefix < limit && a.charAt(prefix) == b.charAt(prefix)) {
      prefix++;
    }
    return jaro + prefix * PREFIX_SCALE * (1 - jaro);
  }

  static double jaro(String a, String b) {
    if (a.isEmpty() && b.isEmpty()) {
      return 1;
    }
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    int window = Math.max(0, Math.max(a.length(), b.length()) / 2 - 1);
    boolean[] matchedA = new boolean[a.length()];
    boolean[] matchedB = new boolean[b.length()];
    int matches = 0;
    for (int i = 0; i < a.length(); i++) {
      int from = Math.max(0, i - window);
      int to = Math.min(b.length() - 1, i + window);
      for (int j = from; j <= to; j++) {
        if (!matchedB[j] && a.charAt(i) == b.charAt(j)) {
          matchedA[i] = true;
          matchedB[j] = true;
          matches++;
          break;
        }
      }
    }
    if (matches == 0) {
      return 0;
    }
    int halfTranspositions = 0;
    int k = 0;
    for (int i = 0; i < a.length(); i++) {
      if (!matchedA[i]) {
        continue;
      }
      while (!matchedB[k]) {
        k++;
      }
      if (a.charAt(i) != b.charAt(k)) {
        halfTranspositions++;
      }
      k++;
    }
    double m = matches;
    return (m / a.length() + m / b.length() + (m - halfTranspositions / 2.0) / m) / 3;
  }
}
