package health.sihha.hie.interceptors.ledger.canonical;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import health.sihha.hie.interceptors.Codes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Canonical JSON in the manner of RFC 8785 (JCS), except for numbers: object members sorted by their names compared
 * as UTF-16 code units, no whitespace between tokens, strings escaped as JCS (ECMAScript {@code JSON.stringify})
 * escapes them, and every number written exactly as it was written in the input (its lexical form, so that FHIR
 * decimals keep their precision: {@code 1.50} stays {@code 1.50}). Array order is kept.
 *
 * <p>Input must be I-JSON (RFC 7493): duplicate member names and lone surrogates are refused.
 *
 * <p>The tree this class builds is also what {@link ResourceCanonicalizer} edits: objects are {@link TreeMap}s of
 * name to value (natural {@code String} order is UTF-16 code unit order), arrays are {@link List}s, strings are
 * {@link String}s, numbers are {@link JsonNumber}s, {@code true}/{@code false} are {@link Boolean}s and {@code null}
 * is {@link JsonNull#NULL}.
 */
public final class CanonicalJson {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private CanonicalJson() {}

  /** A number token as written in the input, e.g. {@code 1.50} or {@code 1e2}. */
  record JsonNumber(String lexeme) {}

  /** The JSON {@code null} literal. */
  enum JsonNull {
    NULL
  }

  /** The canonical form of the JSON text {@code json}. */
  public static String canonicalize(String json) {
    return write(parse(json));
  }

  /** The tree of {@code json}, with numbers kept as written. */
  static Object parse(String json) {
    try (JsonParser parser = JSON.createParser(json)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new InvalidRequestException(Codes.of(1450) + "no JSON value to canonicalize");
      }
      Object value = read(parser, first);
      if (parser.nextToken() != null) {
        throw new InvalidRequestException(Codes.of(1450) + "more than one JSON value to canonicalize");
      }
      return value;
    } catch (IOException e) {
      throw new InvalidRequestException(Codes.of(1450) + "invalid JSON: " + e.getMessage(), e);
    }
  }

  private static Object read(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT: {
        TreeMap<String, Object> object = new TreeMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
          String name = parser.currentName();
          Object value = read(parser, parser.nextToken());
          if (object.put(name, value) != null) {
            throw new InvalidRequestException(Codes.of(1451) + "duplicate JSON member name \"" + name + "\"");
          }
        }
        return object;
      }
      case START_ARRAY: {
        List<Object> array = new ArrayList<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
          array.add(read(parser, t));
        }
        return array;
      }
      case VALUE_STRING:
        return parser.getText();
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        // the token's text is the number exactly as the input wrote it
        return new JsonNumber(parser.getText());
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return JsonNull.NULL;
      default:
        throw new InvalidRequestException(Codes.of(1450) + "unexpected JSON token " + token);
    }
  }

  /** The canonical text of {@code tree}. */
  static String write(Object tree) {
    StringBuilder out = new StringBuilder(1024);
    write(tree, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> object) {
      out.append('{');
      boolean first = true;
      // TreeMap: members are already in UTF-16 code unit order of their names
      for (Map.Entry<?, ?> member : object.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        writeString((String) member.getKey(), out);
        out.append(':');
        write(member.getValue(), out);
      }
      out.append('}');
    } else if (value instanceof List<?> array) {
      out.append('[');
      for (int i = 0; i < array.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(array.get(i), out);
      }
      out.append(']');
    } else if (value instanceof String string) {
      writeString(string, out);
    } else if (value instanceof JsonNumber number) {
      out.append(number.lexeme());
    } else if (value instanceof Boolean bool) {
      out.append(bool.booleanValue() ? "true" : "false");
    } else if (value == JsonNull.NULL) {
      out.append("null");
    } else {
      throw new IllegalStateException(Codes.of(1450) + "not a JSON tree value: " + value);
    }
  }

  /** RFC 8785 section 3.2.2.2: ECMAScript's escaping, lone surrogates refused. */
  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\f' -> out.append("\\f");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
          } else if (Character.isHighSurrogate(c)) {
            if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
              throw loneSurrogate(c);
            }
            out.append(c).append(s.charAt(++i));
          } else if (Character.isLowSurrogate(c)) {
            throw loneSurrogate(c);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static InvalidRequestException loneSurrogate(char c) {
    return new InvalidRequestException(
        Codes.of(1452) + "a JSON string holds a lone surrogate U+" + Integer.toHexString(c) + " (not I-JSON)");
  }
}
