package health.sihha.bench.terminology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Made the committed autocomplete workload, {@code terminology/icd10cm-prefixes.txt}, once; kept so that anyone can
 * see, and repeat, how it was made. Deterministic for a given table and seed:
 *
 * <pre>
 * java -cp bench/target/classes health.sihha.bench.terminology.PrefixListGenerator \
 *     ../shared/data/terminology/icd10cm/icd10cm_2021_codes.csv bench/src/main/resources/terminology/icd10cm-prefixes.txt
 * </pre>
 *
 * <p>"Common" words are counted over category and subcategory descriptions only (codes of up to 4 characters
 * without the dot): counted over all codes, the 7th-character injury codes make "encounter", "fracture" and "left"
 * the commonest words of the table.
 */
public final class PrefixListGenerator {

  static final long SEED = 2021L;
  static final int MAX_LENGTH = 12;
  private static final int TYPING = 220;
  private static final int TWO_WORDS = 130;
  private static final int CODE_PREFIXES = 75;
  private static final int FULL_CODES = 75;
  private static final int COMMON_WORDS = 250;
  private static final Pattern WORD = Pattern.compile("[a-z]{4,}");
  private static final Set<String> NOT_TYPED = Set.of("encounter", "unspecified", "with", "subsequent", "other",
      "initial", "sequela", "without", "specified", "classified", "elsewhere", "into", "from", "involving",
      "following", "part", "site", "sites", "type", "level", "than", "more", "less", "each", "only", "when",
      "their", "that", "this", "which", "such", "same", "both");
  /** Typed in full (as far as 12 characters) whatever the sample: the benchmark reports these prefix by prefix. */
  private static final List<String> ALWAYS_TYPED = List.of("diabetes mellitus", "hypertension");
  /** Abbreviated two-word typing, as clinicians type: reported prefix by prefix too. */
  private static final List<String> ALWAYS_ABBREVIATED = List.of("diab m", "diab mel", "hypert ess");
  private static final List<String> ALWAYS_CODE_PREFIXES = List.of("E1", "E11", "S72");
  private static final List<String> ALWAYS_FULL_CODES = List.of("E11.9", "I10", "J45.909", "J45.9");

  private PrefixListGenerator() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: PrefixListGenerator ICD10CM_CSV OUTPUT_FILE");
      System.exit(2);
    }
    List<Icd10CmCode> table = Icd10CmCode.read(Path.of(args[0]));
    List<String> prefixes = generate(table, new Random(SEED));
    String header = "# " + prefixes.size() + " ICD-10-CM autocomplete prefixes (1-" + MAX_LENGTH + " characters),"
        + " made once by health.sihha.bench.terminology.PrefixListGenerator (seed " + SEED + ") from"
        + " icd10cm_2021_codes.csv: " + TYPING + " typing sequences of the " + COMMON_WORDS + " commonest words of"
        + " category descriptions, " + TWO_WORDS + " two-word prefixes (either order), " + CODE_PREFIXES
        + " code prefixes and " + FULL_CODES + " full codes, shuffled; one per line.";
    try {
      Files.writeString(Path.of(args[1]), header + "\n" + String.join("\n", prefixes) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + args[1], e);
    }
    System.out.println(prefixes.size() + " prefixes written to " + args[1]);
  }

  static List<String> generate(List<Icd10CmCode> table, Random random) {
    List<Icd10CmCode> categories = table.stream().filter(code -> code.code().replace(".", "").length() <= 4)
        .toList();
    List<String> common = commonWords(categories);
    Set<String> prefixes = new LinkedHashSet<>();

    Set<String> typing = new LinkedHashSet<>();
    ALWAYS_TYPED.forEach(term -> typeOut(term, typing, Integer.MAX_VALUE));
    typing.addAll(ALWAYS_ABBREVIATED);
    while (typing.size() < TYPING) {
      typeOut(common.get(random.nextInt(common.size())), typing, TYPING);
    }
    prefixes.addAll(typing);

    int target = prefixes.size() + TWO_WORDS;
    while (prefixes.size() < target) {
      twoWords(categories.get(random.nextInt(categories.size())).description(), random).ifPresent(prefixes::add);
    }

    prefixes.addAll(ALWAYS_CODE_PREFIXES);
    target = prefixes.size() + CODE_PREFIXES - ALWAYS_CODE_PREFIXES.size();
    while (prefixes.size() < target) {
      String code = table.get(random.nextInt(table.size())).code();
      prefixes.add(code.substring(0, 1 + random.nextInt(Math.min(code.length() - 1, 5))));
    }

    prefixes.addAll(ALWAYS_FULL_CODES);
    target = prefixes.size() + FULL_CODES - ALWAYS_FULL_CODES.size();
    while (prefixes.size() < target) {
      List<Icd10CmCode> from = random.nextBoolean() ? categories : table;
      prefixes.add(from.get(random.nextInt(from.size())).code());
    }

    List<String> shuffled = new ArrayList<>(prefixes);
    Collections.shuffle(shuffled, random);
    return List.copyOf(shuffled);
  }

  /** The most frequent words of at least 4 letters, most frequent first, ties in alphabetical order. */
  private static List<String> commonWords(List<Icd10CmCode> categories) {
    Map<String, Integer> counts = new HashMap<>();
    for (Icd10CmCode code : categories) {
      Set<String> words = new LinkedHashSet<>(words(code.description()));
      words.forEach(word -> counts.merge(word, 1, Integer::sum));
    }
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey).limit(COMMON_WORDS).toList();
  }

  private static List<String> words(String description) {
    List<String> words = new ArrayList<>();
    Matcher matcher = WORD.matcher(description.toLowerCase(Locale.ROOT));
    while (matcher.find()) {
      if (!NOT_TYPED.contains(matcher.group())) {
        words.add(matcher.group());
      }
    }
    return words;
  }

  /** Adds what a user sees while typing {@code term}, one character at a time, up to {@link #MAX_LENGTH}. */
  private static void typeOut(String term, Set<String> into, int limit) {
    for (int length = 1; length <= Math.min(term.length(), MAX_LENGTH) && into.size() < limit; length++) {
      String prefix = term.substring(0, length);
      if (!prefix.endsWith(" ")) {
        into.add(prefix);
      }
    }
  }

  /** Two words of one description, in either order, the first cut to 3-8 letters and the second to 1 or more. */
  private static Optional<String> twoWords(String description, Random random) {
    List<String> words = new ArrayList<>(new LinkedHashSet<>(words(description)));
    if (words.size() < 2) {
      return Optional.empty();
    }
    int first = random.nextInt(words.size());
    int second = random.nextInt(words.size() - 1);
    String a = words.get(first);
    String b = words.get(second >= first ? second + 1 : second);
    String head = a.substring(0, Math.min(a.length(), 3 + random.nextInt(6)));
    int room = MAX_LENGTH - head.length() - 1;
    String tail = b.substring(0, Math.min(b.length(), 1 + random.nextInt(Math.max(1, room))));
    String prefix = head + " " + tail;
    return prefix.length() <= MAX_LENGTH ? Optional.of(prefix) : Optional.empty();
  }
}
