package health.sihha.hie.terminology.registry;

import java.util.Comparator;

/**
 * Orders version strings the way people number them: numeric segments as numbers ({@code 2.9 < 2.10},
 * {@code 2021 < 2022}), other segments as text. The default version of a canonical URL is the greatest.
 */
final class VersionOrder implements Comparator<String> {

  static final VersionOrder INSTANCE = new VersionOrder();

  @Override
  public int compare(String a, String b) {
    String[] left = a.split("[^A-Za-z0-9]+");
    String[] right = b.split("[^A-Za-z0-9]+");
    for (int i = 0; i < Math.min(left.length, right.length); i++) {
      int order = compareSegment(left[i], right[i]);
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.length, right.length);
  }

  private static int compareSegment(String a, String b) {
    boolean numeric = a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit)
        && !a.isEmpty() && !b.isEmpty();
    if (numeric) {
      String x = a.replaceFirst("^0+(?=.)", "");
      String y = b.replaceFirst("^0+(?=.)", "");
      return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }
    return a.compareTo(b);
  }
}
