package health.sihha.hie.interceptors.cpabe.policy;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The linear secret-sharing scheme (LSSS) of a {@link Policy}: a matrix {@code M} over {@code Z_r} ({@code r} the
 * BLS12-381 group order) with one row per attribute occurrence, labelled by {@code rho(i)}, such that a set of
 * attributes satisfies the policy exactly when {@code (1, 0, ..., 0)} is a linear combination of its rows.
 *
 * <p>Construction (one row per leaf, left to right; column 0 carries the secret):
 *
 * <ul>
 *   <li>OR: every child gets the parent's vector {@code v} (Lewko-Waters); no new column.
 *   <li>AND of {@code m} children: {@code m - 1} new columns {@code c_1..c_{m-1}}; child 1 gets {@code v + e_c1},
 *       child {@code j} gets {@code -e_c(j-1) + e_cj}, child {@code m} gets {@code -e_c(m-1)}: the n-ary form of
 *       Lewko-Waters' {@code (v|1), (0|-1)}. The children's rows sum to {@code v}, so every coefficient is 1.
 *   <li>{@code k} of {@code n} ({@code 1 < k < n <= 5}): {@code k - 1} new columns; child {@code x = 1..n} gets
 *       {@code v + x e_c1 + x^2 e_c2 + ... + x^(k-1) e_c(k-1)}: Shamir sharing with a degree {@code k - 1}
 *       polynomial, reconstructed by Lagrange coefficients at 0. No expansion into AND/OR: 3 of 5 is 5 rows and 2
 *       extra columns, not the 30 rows of its disjunctive form.
 * </ul>
 *
 * <p>Rows = attribute occurrences; columns = 1 + sum over ANDs of (children - 1) + sum over thresholds of (k - 1).
 * Row {@code i}'s {@link Row#occurrence()} counts earlier rows with the same attribute (1 for the first), which the
 * scheme uses to give each occurrence of a reused attribute its own randomness.
 */
public final class Lsss {

  /** The BLS12-381 group order {@code r}, modulus of every matrix entry and coefficient. */
  public static final BigInteger MODULUS =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  /** Cost of a row in {@link #coefficients}: a repeated occurrence may cost one more pairing when decrypting. */
  private static final int REPEATED_ROW_COST = 64;

  /** One non-zero entry of a row. */
  public record Entry(int column, BigInteger value) {
    public Entry {
      requireNonNull(value, "value");
    }
  }

  /** A row: its attribute {@code rho(i)}, which occurrence of that attribute it is (from 1), its non-zero entries. */
  public record Row(Attribute attribute, int occurrence, List<Entry> entries) {
    public Row {
      requireNonNull(attribute, "attribute");
      entries = List.copyOf(entries);
    }
  }

  private sealed interface Node permits LeafNode, AndNode, OrNode, ThresholdNode {}

  private record LeafNode(int row) implements Node {}

  private record AndNode(List<Node> children) implements Node {}

  private record OrNode(List<Node> children) implements Node {}

  private record ThresholdNode(int k, List<Node> children) implements Node {}

  /** A way to satisfy a subtree: its cost and the coefficient of each chosen row. */
  private record Choice(int cost, Map<Integer, BigInteger> coefficients) {}

  private final Policy policy;
  private final List<Row> rows;
  private final int columns;
  private final int maxOccurrence;
  private final Node root;

  private Lsss(Policy policy, List<Row> rows, int columns, Node root) {
    this.policy = policy;
    this.rows = List.copyOf(rows);
    this.columns = columns;
    this.root = root;
    this.maxOccurrence = rows.stream().mapToInt(Row::occurrence).max().orElse(0);
  }

  /** The matrix of {@code policy}. */
  public static Lsss of(Policy policy) {
    requireNonNull(policy, "policy");
    Builder builder = new Builder();
    Map<Integer, BigInteger> first = new TreeMap<>();
    first.put(0, BigInteger.ONE);
    Node root = builder.build(policy, first);
    return new Lsss(policy, builder.rows, builder.columns, root);
  }

  public Policy policy() {
    return policy;
  }

  public List<Row> rows() {
    return rows;
  }

  public int columns() {
    return columns;
  }

  /** The most occurrences of one attribute: 1 when no attribute is reused. */
  public int maxOccurrence() {
    return maxOccurrence;
  }

  /**
   * Coefficients {@code omega_i} (row index to value mod r) with {@code sum omega_i M_i = (1, 0, ..., 0)} using only
   * rows whose attribute is in {@code attributes}; empty when the attributes do not satisfy the policy. Among the ways
   * to satisfy the policy it takes, gate by gate, the one with the fewest rows, counting a repeated occurrence of an
   * attribute as {@value #REPEATED_ROW_COST} rows (it may need one more pairing). All coefficients are 1 for policies
   * of ANDs and ORs only.
   */
  public Optional<Map<Integer, BigInteger>> coefficients(Set<Attribute> attributes) {
    requireNonNull(attributes, "attributes");
    return choose(root, attributes).map(Choice::coefficients);
  }

  private Optional<Choice> choose(Node node, Set<Attribute> attributes) {
    if (node instanceof LeafNode leaf) {
      Row row = rows.get(leaf.row());
      if (!attributes.contains(row.attribute())) {
        return Optional.empty();
      }
      return Optional.of(new Choice(row.occurrence() == 1 ? 1 : REPEATED_ROW_COST,
          Map.of(leaf.row(), BigInteger.ONE)));
    }
    if (node instanceof OrNode or) {
      return or.children().stream().map(c -> choose(c, attributes)).flatMap(Optional::stream)
          .min(Comparator.comparingInt(Choice::cost));
    }
    if (node instanceof AndNode and) {
      int cost = 0;
      Map<Integer, BigInteger> coefficients = new HashMap<>();
      for (Node child : and.children()) {
        Optional<Choice> choice = choose(child, attributes);
        if (choice.isEmpty()) {
          return Optional.empty();
        }
        cost += choice.get().cost();
        coefficients.putAll(choice.get().coefficients());
      }
      return Optional.of(new Choice(cost, coefficients));
    }
    ThresholdNode threshold = (ThresholdNode) node;
    Map<Integer, Choice> satisfied = new LinkedHashMap<>();
    for (int x = 1; x <= threshold.children().size(); x++) {
      Optional<Choice> choice = choose(threshold.children().get(x - 1), attributes);
      if (choice.isPresent()) {
        satisfied.put(x, choice.get());
      }
    }
    if (satisfied.size() < threshold.k()) {
      return Optional.empty();
    }
    List<Integer> chosen = satisfied.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<Integer, Choice> e) -> e.getValue().cost())
            .thenComparing(Map.Entry::getKey))
        .limit(threshold.k()).map(Map.Entry::getKey).sorted().toList();
    int cost = 0;
    Map<Integer, BigInteger> coefficients = new HashMap<>();
    for (int x : chosen) {
      BigInteger lambda = lagrangeAtZero(x, chosen);
      Choice choice = satisfied.get(x);
      cost += choice.cost();
      choice.coefficients().forEach((row, c) -> coefficients.put(row, c.multiply(lambda).mod(MODULUS)));
    }
    return Optional.of(new Choice(cost, coefficients));
  }

  /** {@code prod over x' != x of x' / (x' - x)} mod r: the weight of the share at {@code x} in {@code f(0)}. */
  private static BigInteger lagrangeAtZero(int x, List<Integer> points) {
    BigInteger numerator = BigInteger.ONE;
    BigInteger denominator = BigInteger.ONE;
    for (int other : points) {
      if (other != x) {
        numerator = numerator.multiply(BigInteger.valueOf(other));
        denominator = denominator.multiply(BigInteger.valueOf(other - x));
      }
    }
    return numerator.mod(MODULUS).multiply(denominator.mod(MODULUS).modInverse(MODULUS)).mod(MODULUS);
  }

  private static final class Builder {

    private final List<Row> rows = new ArrayList<>();
    private final Map<Attribute, Integer> occurrences = new HashMap<>();
    private int columns = 1;

    Node build(Policy policy, Map<Integer, BigInteger> vector) {
      if (policy instanceof Policy.Leaf leaf) {
        int occurrence = occurrences.merge(leaf.attribute(), 1, Integer::sum);
        List<Entry> entries = new ArrayList<>();
        vector.forEach((column, value) -> {
          if (value.signum() != 0) {
            entries.add(new Entry(column, value));
          }
        });
        rows.add(new Row(leaf.attribute(), occurrence, entries));
        return new LeafNode(rows.size() - 1);
      }
      if (policy instanceof Policy.Or or) {
        List<Node> children = new ArrayList<>();
        for (Policy child : or.children()) {
          children.add(build(child, vector));
        }
        return new OrNode(children);
      }
      if (policy instanceof Policy.And and) {
        int m = and.children().size();
        int base = columns;
        columns += m - 1;
        List<Node> children = new ArrayList<>();
        for (int j = 0; j < m; j++) {
          Map<Integer, BigInteger> child = j == 0 ? new TreeMap<>(vector) : new TreeMap<>();
          if (j > 0) {
            child.put(base + j - 1, MODULUS.subtract(BigInteger.ONE));
          }
          if (j < m - 1) {
            child.put(base + j, BigInteger.ONE);
          }
          children.add(build(and.children().get(j), child));
        }
        return new AndNode(children);
      }
      Policy.Threshold threshold = (Policy.Threshold) policy;
      int base = columns;
      columns += threshold.k() - 1;
      List<Node> children = new ArrayList<>();
      for (int x = 1; x <= threshold.children().size(); x++) {
        Map<Integer, BigInteger> child = new TreeMap<>(vector);
        BigInteger power = BigInteger.ONE;
        for (int t = 1; t < threshold.k(); t++) {
          power = power.multiply(BigInteger.valueOf(x));
          child.put(base + t - 1, power);
        }
        children.add(build(threshold.children().get(x - 1), child));
      }
      return new ThresholdNode(threshold.k(), children);
    }
  }
}
