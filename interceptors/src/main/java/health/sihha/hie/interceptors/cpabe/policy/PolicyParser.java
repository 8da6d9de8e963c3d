package health.sihha.hie.interceptors.cpabe.policy;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the policy language into a {@link Policy}. Grammar (keywords {@code and}, {@code or}, {@code of} in any case;
 * AND binds tighter than OR):
 *
 * <pre>
 * policy    = or END
 * or        = and { "or" and }
 * and       = primary { "and" primary }
 * primary   = "(" or ")" | threshold | attribute
 * threshold = k "of" "(" or { "," or } ")"        1 &lt;= k &lt;= n &lt;= 5
 * attribute = name ":" value                       see {@link Attribute}
 * </pre>
 *
 * <p>Every error is an {@link InvalidRequestException} whose message gives the 1-based character position and what
 * was expected there, e.g. {@code SIHHA-1401: invalid policy at position 12: expected ')' to close the '(' at
 * position 1 but found the end of the policy}. Limits: {@value #MAX_LENGTH} characters, {@value #MAX_LEAVES}
 * attribute occurrences, {@value #MAX_DEPTH} levels of nesting.
 */
public final class PolicyParser {

  /** Longest policy text. */
  public static final int MAX_LENGTH = 4096;
  /** Most attribute occurrences (LSSS rows) in one policy. */
  public static final int MAX_LEAVES = 256;
  /** Deepest nesting of parentheses and thresholds. */
  public static final int MAX_DEPTH = 32;

  private enum Kind {
    WORD, COLON, OPEN, CLOSE, COMMA, END
  }

  private record Token(Kind kind, String text, int position) {

    String describe() {
      return kind == Kind.END ? "the end of the policy" : "'" + text + "'";
    }

    boolean isKeyword(String keyword) {
      return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }
  }

  private final List<Token> tokens;
  private int next;
  private int depth;

  private PolicyParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** Parses {@code text}, throwing {@link InvalidRequestException} with the position of the first error. */
  public static Policy parse(String text) {
    requireNonNull(text, "text");
    if (text.length() > MAX_LENGTH) {
      throw new InvalidRequestException(Codes.of(1404) + "invalid policy: " + text.length()
          + " characters, at most " + MAX_LENGTH);
    }
    PolicyParser parser = new PolicyParser(tokenize(text));
    Policy policy = parser.or();
    Token end = parser.peek(0);
    if (end.kind() != Kind.END) {
      throw parser.error(1401, end, "expected 'and', 'or' or the end of the policy but found " + end.describe()
          + (end.kind() == Kind.CLOSE ? " (no '(' to close)" : ""));
    }
    if (policy.leafCount() > MAX_LEAVES) {
      throw new InvalidRequestException(Codes.of(1404) + "invalid policy: " + policy.leafCount()
          + " attribute occurrences, at most " + MAX_LEAVES);
    }
    return policy;
  }

  private static List<Token> tokenize(String text) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        i++;
      } else if (c == '(' || c == ')' || c == ',' || c == ':') {
        Kind kind = c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : c == ',' ? Kind.COMMA : Kind.COLON;
        tokens.add(new Token(kind, String.valueOf(c), i + 1));
        i++;
      } else if (isWordChar(c)) {
        int start = i;
        while (i < text.length() && isWordChar(text.charAt(i))) {
          i++;
        }
        tokens.add(new Token(Kind.WORD, text.substring(start, i), start + 1));
      } else {
        String shown = Character.isISOControl(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
        throw new InvalidRequestException(Codes.of(1401) + "invalid policy at position " + (i + 1)
            + ": unexpected character " + shown
            + "; expected an attribute name:value, 'and', 'or', 'k of (...)', '(', ')' or ','");
      }
    }
    tokens.add(new Token(Kind.END, "", text.length() + 1));
    return tokens;
  }

  private static boolean isWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
        || c == '-';
  }

  private Policy or() {
    List<Policy> children = new ArrayList<>();
    children.add(and());
    while (peek(0).isKeyword("or")) {
      next++;
      children.add(and());
    }
    return children.size() == 1 ? children.get(0) : new Policy.Or(flatten(children, Policy.Or.class));
  }

  private Policy and() {
    List<Policy> children = new ArrayList<>();
    children.add(primary());
    while (peek(0).isKeyword("and")) {
      next++;
      children.add(primary());
    }
    return children.size() == 1 ? children.get(0) : new Policy.And(flatten(children, Policy.And.class));
  }

  private Policy primary() {
    Token token = peek(0);
    if (token.kind() == Kind.OPEN) {
      enter(token);
      next++;
      Policy inner = or();
      expectClose(token);
      depth--;
      return inner;
    }
    if (token.kind() == Kind.WORD && peek(1).kind() == Kind.COLON) {
      return attribute();
    }
    if (token.kind() == Kind.WORD && token.text().chars().allMatch(Character::isDigit)) {
      return threshold();
    }
    if (token.kind() == Kind.WORD && !token.isKeyword("and") && !token.isKeyword("or") && !token.isKeyword("of")) {
      Token after = peek(1);
      throw error(1401, after, "expected ':' after attribute name '" + token.text() + "' but found "
          + after.describe());
    }
    throw error(1401, token, "expected an attribute name:value, '(' or a threshold 'k of (...)' but found "
        + token.describe());
  }

  private Policy attribute() {
    Token name = peek(0);
    Token colon = peek(1);
    Token value = peek(2);
    if (colon.position() != name.position() + name.text().length()) {
      throw error(1401, name, "expected ':' directly after attribute name '" + name.text()
          + "' (no spaces inside name:value)");
    }
    if (value.kind() != Kind.WORD) {
      throw error(1401, value, "expected the value of attribute '" + name.text() + ":' but found "
          + value.describe());
    }
    if (value.position() != colon.position() + 1) {
      throw error(1401, value, "expected the value of attribute '" + name.text()
          + ":' directly after the ':' (no spaces inside name:value)");
    }
    next += 3;
    try {
      return new Policy.Leaf(new Attribute(name.text(), value.text()));
    } catch (InvalidRequestException e) {
      String problem = e.getMessage().substring(Codes.of(1402).length());
      String hint = (name.text() + value.text()).chars().anyMatch(Character::isUpperCase)
          ? " (attribute names and values are lower-case)" : "";
      throw error(1402, name, problem + hint);
    }
  }

  private Policy threshold() {
    Token kToken = peek(0);
    enter(kToken);
    next++;
    Token of = peek(0);
    if (!of.isKeyword("of")) {
      throw error(1401, of, "expected 'of' after threshold '" + kToken.text() + "' but found " + of.describe());
    }
    next++;
    Token open = peek(0);
    if (open.kind() != Kind.OPEN) {
      throw error(1401, open, "expected '(' after '" + kToken.text() + " of' but found " + open.describe());
    }
    next++;
    List<Policy> members = new ArrayList<>();
    members.add(or());
    while (peek(0).kind() == Kind.COMMA) {
      next++;
      Token member = peek(0);
      if (members.size() == Policy.MAX_THRESHOLD_MEMBERS) {
        throw error(1403, member, "a threshold has at most " + Policy.MAX_THRESHOLD_MEMBERS
            + " members; this is member " + (members.size() + 1));
      }
      members.add(or());
    }
    Token close = peek(0);
    if (close.kind() != Kind.CLOSE) {
      throw error(1401, close, "expected ',' or ')' to close the threshold's '(' at position " + open.position()
          + " but found " + close.describe());
    }
    next++;
    depth--;
    int n = members.size();
    int k = kToken.text().length() > 2 ? Integer.MAX_VALUE : Integer.parseInt(kToken.text());
    if (k < 1 || k > n) {
      throw error(1403, kToken, "threshold " + kToken.text() + " of " + n + " member" + (n == 1 ? "" : "s")
          + (k < 1 ? " is always met; expected k between 1 and " + n : " can never be met; expected k between 1 and "
          + n));
    }
    if (n == 1) {
      return members.get(0);
    }
    if (k == 1) {
      return new Policy.Or(flatten(members, Policy.Or.class));
    }
    if (k == n) {
      return new Policy.And(flatten(members, Policy.And.class));
    }
    return new Policy.Threshold(k, members);
  }

  private void enter(Token token) {
    if (++depth > MAX_DEPTH) {
      throw error(1404, token, "nested more than " + MAX_DEPTH + " levels deep");
    }
  }

  private void expectClose(Token open) {
    Token close = peek(0);
    if (close.kind() != Kind.CLOSE) {
      throw error(1401, close, "expected ')' to close the '(' at position " + open.position() + " but found "
          + close.describe());
    }
    next++;
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(next + ahead, tokens.size() - 1));
  }

  private InvalidRequestException error(int code, Token at, String what) {
    return new InvalidRequestException(Codes.of(code) + "invalid policy at position " + at.position() + ": " + what);
  }

  private static List<Policy> flatten(List<Policy> children, Class<? extends Policy> kind) {
    List<Policy> flat = new ArrayList<>();
    for (Policy child : children) {
      if (child instanceof Policy.And and && kind == Policy.And.class) {
        flat.addAll(and.children());
      } else if (child instanceof Policy.Or or && kind == Policy.Or.class) {
        flat.addAll(or.children());
      } else {
        flat.add(child);
      }
    }
    return flat;
  }
}
