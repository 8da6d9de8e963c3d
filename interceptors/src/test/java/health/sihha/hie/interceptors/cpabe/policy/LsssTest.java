package health.sihha.hie.interceptors.cpabe.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LsssTest {

  private static final BigInteger R = Lsss.MODULUS;

  @Test
  void theModulusIsTheBls12381GroupOrder() {
    assertThat(R.isProbablePrime(64)).isTrue();
    assertThat(R.bitLength()).isEqualTo(255);
  }

  @Test
  void rowsAndColumnsFollowTheDocumentedCounts() {
    assertThat(shape("a:x")).containsExactly(1, 1);
    assertThat(shape(join(" and ", 100))).containsExactly(100, 100);
    assertThat(shape(join(" or ", 100))).containsExactly(100, 1);
    assertThat(shape("3 of (a:1, a:2, a:3, a:4, a:5)")).containsExactly(5, 3);
    assertThat(shape("2 of (a:1, a:2, a:3)")).containsExactly(3, 2);
    assertThat(shape("(a:1 or a:2) and 3 of (b:1, b:2, b:3 and b:4, b:5)")).containsExactly(7, 1 + 1 + 2 + 1);
  }

  @Test
  void reusedAttributesAreNumberedByOccurrence() {
    Lsss lsss = Lsss.of(Policy.parse("(a:x and b:y) or (a:x and c:z) or 2 of (a:x, b:y, d:w)"));
    assertThat(lsss.rows().stream().map(r -> r.attribute() + "#" + r.occurrence()).toList())
        .containsExactly("a:x#1", "b:y#1", "a:x#2", "c:z#1", "a:x#3", "b:y#2", "d:w#1");
    assertThat(lsss.maxOccurrence()).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "a:1",
      "a:1 and b:1",
      "a:1 or b:1",
      "a:1 and (b:1 or c:1) and d:1",
      "(a:1 and b:1) or (c:1 and d:1) or e:1",
      "2 of (a:1, b:1, c:1)",
      "3 of (a:1, b:1, c:1, d:1, e:1)",
      "4 of (a:1, b:1, c:1, d:1, e:1)",
      "2 of (a:1 and b:1, c:1 or d:1, 2 of (e:1, f:1, g:1))",
      "(a:1 and b:1) or (a:1 and c:1) or (b:1 and c:1)",
      "a:1 and (a:1 or b:1) and 2 of (a:1, b:1, c:1)",
      "3 of (a:1, b:1, c:1, d:1) and (e:1 or 2 of (a:1, e:1, f:1))",
  })
  void everySubsetIsAuthorisedExactlyWhenThePolicyIsSatisfied(String text) {
    Policy policy = Policy.parse(text);
    Lsss lsss = Lsss.of(policy);
    List<Attribute> universe = new ArrayList<>(lsss.rows().stream().map(Lsss.Row::attribute)
        .collect(Collectors.toCollection(TreeSet::new)));
    for (int mask = 0; mask < 1 << universe.size(); mask++) {
      Set<Attribute> have = new HashSet<>();
      for (int i = 0; i < universe.size(); i++) {
        if ((mask & 1 << i) != 0) {
          have.add(universe.get(i));
        }
      }
      Optional<Map<Integer, BigInteger>> omega = lsss.coefficients(have);
      boolean satisfied = policy.satisfiedBy(have);
      assertThat(omega.isPresent()).as("%s with %s", text, have).isEqualTo(satisfied);
      assertThat(targetInSpan(lsss, have)).as("span of %s", have).isEqualTo(satisfied);
      omega.ifPresent(o -> {
        assertThat(o.keySet()).allMatch(row -> have.contains(lsss.rows().get(row).attribute()));
        assertThat(combine(lsss, o)).isEqualTo(unit(lsss.columns()));
      });
    }
  }

  @Test
  void andOrCoefficientsAreAllOneAndOrTakesTheCheapestBranch() {
    Lsss lsss = Lsss.of(Policy.parse("(a:1 and b:1 and c:1) or d:1 or (e:1 and f:1)"));
    Set<Attribute> all = lsss.rows().stream().map(Lsss.Row::attribute).collect(Collectors.toSet());
    Map<Integer, BigInteger> omega = lsss.coefficients(all).orElseThrow();
    assertThat(omega).containsOnlyKeys(3).containsValue(BigInteger.ONE);
    Map<Integer, BigInteger> and = lsss.coefficients(attrs("a:1", "b:1", "c:1", "e:1")).orElseThrow();
    assertThat(and).containsOnlyKeys(0, 1, 2).allSatisfy((row, c) -> assertThat(c).isEqualTo(BigInteger.ONE));
  }

  @Test
  void thresholdsUseExactlyKMembersAndPreferFirstOccurrences() {
    Lsss lsss = Lsss.of(Policy.parse("3 of (a:1, b:1, c:1, d:1, e:1)"));
    assertThat(lsss.coefficients(attrs("a:1", "b:1", "c:1", "d:1", "e:1")).orElseThrow()).hasSize(3);
    Lsss reused = Lsss.of(Policy.parse("(a:1 and b:1) or (a:1 and c:1) or (d:1 and e:1)"));
    // d:1 and e:1 are first occurrences; a:1 and c:1 would need a:1's second occurrence (one more pairing)
    assertThat(reused.coefficients(attrs("a:1", "c:1", "d:1", "e:1")).orElseThrow()).containsOnlyKeys(4, 5);
  }

  @Test
  void largeAndAndOrPoliciesReconstruct() {
    for (String op : List.of(" and ", " or ")) {
      Lsss lsss = Lsss.of(Policy.parse(join(op, 100)));
      Set<Attribute> all = lsss.rows().stream().map(Lsss.Row::attribute).collect(Collectors.toSet());
      Map<Integer, BigInteger> omega = lsss.coefficients(all).orElseThrow();
      assertThat(omega).hasSize(op.equals(" and ") ? 100 : 1);
      assertThat(combine(lsss, omega)).isEqualTo(unit(lsss.columns()));
      Set<Attribute> missingOne = new HashSet<>(all);
      missingOne.remove(new Attribute("a", "v42"));
      assertThat(lsss.coefficients(missingOne).isPresent()).isEqualTo(op.equals(" or "));
    }
  }

  private static List<Integer> shape(String text) {
    Lsss lsss = Lsss.of(Policy.parse(text));
    return List.of(lsss.rows().size(), lsss.columns());
  }

  private static String join(String op, int n) {
    return IntStream.range(0, n).mapToObj(i -> "a:v" + i).collect(Collectors.joining(op));
  }

  private static Set<Attribute> attrs(String... texts) {
    return Set.of(texts).stream().map(Attribute::parse).collect(Collectors.toSet());
  }

  private static List<BigInteger> unit(int columns) {
    List<BigInteger> unit = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      unit.add(c == 0 ? BigInteger.ONE : BigInteger.ZERO);
    }
    return unit;
  }

  private static BigInteger[] dense(Lsss.Row row, int columns) {
    BigInteger[] v = new BigInteger[columns];
    Arrays.fill(v, BigInteger.ZERO);
    row.entries().forEach(e -> v[e.column()] = e.value().mod(R));
    return v;
  }

  private static List<BigInteger> combine(Lsss lsss, Map<Integer, BigInteger> omega) {
    BigInteger[] sum = new BigInteger[lsss.columns()];
    Arrays.fill(sum, BigInteger.ZERO);
    omega.forEach((row, w) -> {
      BigInteger[] v = dense(lsss.rows().get(row), lsss.columns());
      for (int c = 0; c < v.length; c++) {
        sum[c] = sum[c].add(w.multiply(v[c])).mod(R);
      }
    });
    return List.of(sum);
  }

  /** Whether (1, 0, ..., 0) is in the row span of the rows labelled by {@code have}: rank test mod r. */
  private static boolean targetInSpan(Lsss lsss, Set<Attribute> have) {
    List<BigInteger[]> rows = new ArrayList<>();
    for (Lsss.Row row : lsss.rows()) {
      if (have.contains(row.attribute())) {
        rows.add(dense(row, lsss.columns()));
      }
    }
    int withoutTarget = rank(rows, lsss.columns());
    BigInteger[] target = unit(lsss.columns()).toArray(BigInteger[]::new);
    rows.add(target);
    return rank(rows, lsss.columns()) == withoutTarget;
  }

  private static int rank(List<BigInteger[]> input, int columns) {
    List<BigInteger[]> m = new ArrayList<>();
    input.forEach(r -> m.add(r.clone()));
    int rank = 0;
    for (int c = 0; c < columns && rank < m.size(); c++) {
      int pivot = -1;
      for (int i = rank; i < m.size(); i++) {
        if (m.get(i)[c].signum() != 0) {
          pivot = i;
          break;
        }
      }
      if (pivot < 0) {
        continue;
      }
      BigInteger[] p = m.get(pivot);
      m.set(pivot, m.get(rank));
      m.set(rank, p);
      BigInteger inverse = p[c].modInverse(R);
      for (int i = 0; i < m.size(); i++) {
        if (i != rank && m.get(i)[c].signum() != 0) {
          BigInteger factor = m.get(i)[c].multiply(inverse).mod(R);
          for (int k = 0; k < columns; k++) {
            m.get(i)[k] = m.get(i)[k].subtract(factor.multiply(p[k])).mod(R);
          }
        }
      }
      rank++;
    }
    return rank;
  }
}
