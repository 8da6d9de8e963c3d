package health.sihha.hie.ministry.linking;

/** American Soundex, the blocking key of family names: spellings that sound alike share a code. */
final class Soundex {

  //                                    ABCDEFGHIJKLMNOPQRSTUVWXYZ
  private static final String CODES = "01230120022455012623010202";

  private Soundex() {}

  /** The four-character code of {@code name} (letters A–Z only count); empty when it has no letter. */
  static String of(String name) {
    StringBuilder code = new StringBuilder(4);
    char previous = 0;
    for (int i = 0; i < name.length() && code.length() < 4; i++) {
      char c = Character.toUpperCase(name.charAt(i));
      if (c < 'A' || c > 'Z') {
        continue;
      }
      char digit = CODES.charAt(c - 'A');
      if (code.length() == 0) {
        code.append(c);
      } else if (digit != '0' && digit != previous) {
        code.append(digit);
      }
      // H and W do not separate equal codes; vowels do
      if (c != 'H' && c != 'W') {
        previous = digit;
      }
    }
    if (code.length() == 0) {
      return "";
    }
    while (code.length() < 4) {
      code.append('0');
    }
    return code.toString();
  }
}
