package health.sihha.hie.terminology.expand;

import health.sihha.hie.terminology.index.ConceptIndex;
import jakarta.annotation.Nullable;
import java.util.BitSet;
import java.util.List;

/**
 * A value set's compose reduced to concept numbers: for each code system version it draws on, the set of member
 * concepts ({@code null} for the whole code system). Concepts listed from code systems not held here are held in a
 * small index of their own, so expansion treats every part alike.
 */
public record CompiledValueSet(List<Part> parts) {

  public CompiledValueSet {
    parts = List.copyOf(parts);
  }

  /**
   * The members drawn from one code system version.
   *
   * @param members member concept numbers, or null for every concept of the code system
   * @param external whether the index was made from the concepts the value set lists, the code system not being held
   */
  public record Part(ConceptIndex index, @Nullable BitSet members, boolean external) {

    public boolean contains(int concept) {
      return members == null || members.get(concept);
    }

    /** The first member at or after {@code from}, or -1. */
    public int next(int from) {
      if (members == null) {
        return from < index.size() ? from : -1;
      }
      return members.nextSetBit(from);
    }
  }
}
