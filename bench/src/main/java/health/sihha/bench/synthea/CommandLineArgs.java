package health.sihha.bench.synthea;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The {@code --name value} (or {@code --name=value}) options of the bench mains. Unknown names, missing values and
 * malformed numbers are usage errors ({@link IllegalArgumentException}).
 */
public record CommandLineArgs(Map<String, String> values) {

  public CommandLineArgs {
    values = Map.copyOf(values);
  }

  public static CommandLineArgs parse(String[] args, Set<String> known) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got: " + arg);
      }
      String name = arg.substring(2);
      String value;
      int equals = name.indexOf('=');
      if (equals >= 0) {
        value = name.substring(equals + 1);
        name = name.substring(0, equals);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + "; known: " + known);
      }
      values.put(name, value);
    }
    return new CommandLineArgs(values);
  }

  /**
   * Runs a command-line main: parses {@code args} into a request, then acts on it. A usage error prints the message
   * and {@code usage} and exits with 2; a failure prints it and exits with 1.
   */
  public static <T> void run(String[] args, Set<String> known, String usage, Function<CommandLineArgs, T> request,
      Consumer<T> action) {
    T parsed;
    try {
      parsed = request.apply(parse(args, known));
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(usage);
      System.exit(2);
      return;
    }
    try {
      action.accept(parsed);
    } catch (RuntimeException e) {
      System.err.println("FAILED: " + e.getMessage());
      System.exit(1);
    }
  }

  public String required(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  public String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public int positiveInt(String name, int fallback) {
    return values.containsKey(name) ? positive(name, values.get(name)) : fallback;
  }

  /** A comma-separated list of positive integers, such as {@code --clients 1,4}. */
  public List<Integer> positiveInts(String name, List<Integer> fallback) {
    if (!values.containsKey(name)) {
      return fallback;
    }
    return Arrays.stream(values.get(name).split(",")).map(item -> positive(name, item.trim())).toList();
  }

  private static int positive(String name, String value) {
    try {
      int number = Integer.parseInt(value);
      if (number < 1) {
        throw new IllegalArgumentException("--" + name + " must be at least 1: " + value);
      }
      return number;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a number: " + value, e);
    }
  }
}
