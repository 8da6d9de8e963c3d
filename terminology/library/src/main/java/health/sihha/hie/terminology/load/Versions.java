package health.sihha.hie.terminology.load;

import jakarta.annotation.Nullable;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Derives a version from a distribution's file names, for loaders whose caller does not give one. */
public final class Versions {

  private Versions() {}

  /**
   * The first group of the first match of {@code regex} (case-insensitive) in any of the names, in order.
   */
  public static Optional<String> fromNames(String regex, String... names) {
    Pattern pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    for (String name : names) {
      Matcher matcher = pattern.matcher(name);
      if (matcher.find()) {
        return Optional.of(matcher.group(1));
      }
    }
    return Optional.empty();
  }

  /** The given version when not blank, else the derived one, else an error asking for a version. */
  public static String choose(@Nullable String given, Optional<String> derived, String what, LoadSource source) {
    if (given != null && !given.isBlank()) {
      return given.strip();
    }
    return derived.orElseThrow(
        () -> new TerminologyLoadException(
            "cannot tell the " + what + " version from the file names in " + source.name()
                + "; give the version explicitly"));
  }
}
