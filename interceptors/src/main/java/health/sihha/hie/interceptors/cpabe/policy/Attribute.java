package health.sihha.hie.interceptors.cpabe.policy;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * One attribute of the policy language and of user keys, {@code name:value}: the name is lower-case letters, digits,
 * {@code _} and {@code -}, starting with a letter (at most 32 characters); the value is lower-case letters, digits,
 * {@code .}, {@code _} and {@code -} (at most 64 characters). Examples: {@code role:physician},
 * {@code facility:provider-a}, {@code label:r}.
 */
public record Attribute(String name, String value) implements Comparable<Attribute> {

  /** Longest {@code name:value} text: 32 + 1 + 64. */
  public static final int MAX_TEXT_LENGTH = 97;

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");
  private static final Pattern VALUE = Pattern.compile("[a-z0-9._-]{1,64}");
  private static final Comparator<Attribute> ORDER =
      Comparator.comparing(Attribute::name).thenComparing(Attribute::value);

  public Attribute {
    requireNonNull(name, "name");
    requireNonNull(value, "value");
    if (!NAME.matcher(name).matches()) {
      throw new InvalidRequestException(Codes.of(1402) + "invalid attribute name '" + name
          + "': expected lower-case letters, digits, '_' or '-', starting with a letter, at most 32 characters");
    }
    if (!VALUE.matcher(value).matches()) {
      throw new InvalidRequestException(Codes.of(1402) + "invalid value '" + value + "' of attribute '" + name
          + "': expected 1 to 64 lower-case letters, digits, '.', '_' or '-'");
    }
  }

  /** The attribute written as {@code name:value}. */
  public static Attribute parse(String text) {
    requireNonNull(text, "text");
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new InvalidRequestException(Codes.of(1402) + "invalid attribute '" + text + "': expected name:value");
    }
    return new Attribute(text.substring(0, colon), text.substring(colon + 1));
  }

  @Override
  public int compareTo(Attribute other) {
    return ORDER.compare(this, other);
  }

  /** {@code name:value}, the form the policy language, the user keys and the attribute hash use. */
  @Override
  public String toString() {
    return name + ':' + value;
  }
}
