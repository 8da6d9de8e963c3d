package health.sihha.bench.cpabe;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** The attributes, policies and content the CP-ABE benchmarks use. */
final class Policies {

  private Policies() {}

  /** {@code n} attributes of realistic length, {@code role:clinical-role-0} ... */
  static List<String> attributes(int n) {
    return IntStream.range(0, n).mapToObj(i -> "role:clinical-role-" + i).toList();
  }

  /** The AND or OR ({@code gate}) of {@link #attributes(int) n attributes}. */
  static String policy(String gate, int n) {
    return attributes(n).stream().collect(Collectors.joining(" " + gate + " "));
  }

  /** {@code bytes} of JSON-like content. */
  static byte[] plaintext(int bytes) {
    String unit = "{\"resourceType\":\"Observation\",\"status\":\"final\",\"valueQuantity\":{\"value\":7.2}}";
    return unit.repeat(bytes / unit.length() + 1).substring(0, bytes).getBytes(StandardCharsets.UTF_8);
  }
}
