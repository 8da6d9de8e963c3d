package health.sihha.hie.interceptors.cpabe.policy;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A parsed access policy: attributes combined by AND, OR and k-of-n thresholds. Build one with {@link #parse}; the
 * records check their own shape, so a policy that exists is well formed. {@link #text()} is the canonical form that
 * envelopes carry: lower-case keywords, single spaces, the parentheses that precedence needs and no others.
 */
public sealed interface Policy permits Policy.Leaf, Policy.And, Policy.Or, Policy.Threshold {

  /** Most members of one threshold gate. */
  int MAX_THRESHOLD_MEMBERS = 5;

  /** Parses {@code text}; see {@link PolicyParser} for the grammar and the errors. */
  static Policy parse(String text) {
    return PolicyParser.parse(text);
  }

  /** Whether {@code attributes} satisfy this policy (plain Boolean evaluation, no cryptography). */
  boolean satisfiedBy(Set<Attribute> attributes);

  /** The canonical text of this policy, which {@link #parse} reads back to an equal policy. */
  String text();

  /** The number of attribute occurrences, which is the number of rows of the policy's LSSS matrix. */
  int leafCount();

  /** One attribute. */
  record Leaf(Attribute attribute) implements Policy {
    public Leaf {
      requireNonNull(attribute, "attribute");
    }

    @Override
    public boolean satisfiedBy(Set<Attribute> attributes) {
      return attributes.contains(attribute);
    }

    @Override
    public String text() {
      return attribute.toString();
    }

    @Override
    public int leafCount() {
      return 1;
    }
  }

  /** All children; at least two, none of them an {@code And} (the parser flattens nested ANDs). */
  record And(List<Policy> children) implements Policy {
    public And {
      children = List.copyOf(children);
      if (children.size() < 2 || children.stream().anyMatch(And.class::isInstance)) {
        throw new IllegalArgumentException("an AND has two or more children, none of them an AND");
      }
    }

    @Override
    public boolean satisfiedBy(Set<Attribute> attributes) {
      return children.stream().allMatch(c -> c.satisfiedBy(attributes));
    }

    @Override
    public String text() {
      return children.stream().map(c -> c instanceof Or ? "(" + c.text() + ")" : c.text())
          .collect(Collectors.joining(" and "));
    }

    @Override
    public int leafCount() {
      return children.stream().mapToInt(Policy::leafCount).sum();
    }
  }

  /** Any child; at least two, none of them an {@code Or} (the parser flattens nested ORs). */
  record Or(List<Policy> children) implements Policy {
    public Or {
      children = List.copyOf(children);
      if (children.size() < 2 || children.stream().anyMatch(Or.class::isInstance)) {
        throw new IllegalArgumentException("an OR has two or more children, none of them an OR");
      }
    }

    @Override
    public boolean satisfiedBy(Set<Attribute> attributes) {
      return children.stream().anyMatch(c -> c.satisfiedBy(attributes));
    }

    @Override
    public String text() {
      return children.stream().map(Policy::text).collect(Collectors.joining(" or "));
    }

    @Override
    public int leafCount() {
      return children.stream().mapToInt(Policy::leafCount).sum();
    }
  }

  /**
   * At least {@code k} of the children, {@code 1 < k < n} with {@code n <= 5}: the parser writes {@code 1 of (...)} as
   * an OR and {@code n of (...)} as an AND, which have the same meaning and a cheaper matrix.
   */
  record Threshold(int k, List<Policy> children) implements Policy {
    public Threshold {
      children = List.copyOf(children);
      if (children.size() > MAX_THRESHOLD_MEMBERS || k < 2 || k >= children.size()) {
        throw new InvalidRequestException(Codes.of(1403) + "a threshold needs 1 < k < n <= "
            + MAX_THRESHOLD_MEMBERS + ", got " + k + " of " + children.size());
      }
    }

    @Override
    public boolean satisfiedBy(Set<Attribute> attributes) {
      return children.stream().filter(c -> c.satisfiedBy(attributes)).count() >= k;
    }

    @Override
    public String text() {
      return k + " of (" + children.stream().map(Policy::text).collect(Collectors.joining(", ")) + ")";
    }

    @Override
    public int leafCount() {
      return children.stream().mapToInt(Policy::leafCount).sum();
    }
  }
}
