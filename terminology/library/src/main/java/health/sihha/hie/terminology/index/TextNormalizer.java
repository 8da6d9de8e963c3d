package health.sihha.hie.terminology.index;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How displays, designations and filters are compared: case-folded, without diacritics (so "Ménière" matches
 * "meniere" and Arabic text matches with or without its vowel marks), split into words at anything that is not a
 * letter or a digit.
 */
public final class TextNormalizer {

  private TextNormalizer() {}

  /** Lower-cased text without combining marks. */
  public static String fold(String text) {
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder folded = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      int type = Character.getType(c);
      if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK
          && type != Character.COMBINING_SPACING_MARK && type != Character.FORMAT) {
        folded.append(c);
      }
    }
    return folded.toString().toLowerCase(Locale.ROOT);
  }

  /** The folded words of {@code text}, in order. */
  public static List<String> words(String text) {
    String folded = fold(text);
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= folded.length(); i++) {
      boolean wordChar = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
      if (wordChar && start < 0) {
        start = i;
      } else if (!wordChar && start >= 0) {
        words.add(folded.substring(start, i));
        start = -1;
      }
    }
    return words;
  }

  /** A code as typed or stored, compared without case and without the dot ({@code E11.9}, {@code e119}). */
  public static String foldCode(String code) {
    return code.trim().replace(".", "").toLowerCase(Locale.ROOT);
  }
}
