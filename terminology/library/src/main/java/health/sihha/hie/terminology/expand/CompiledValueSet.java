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

  /** Whether {@code code} of {@code system} is in the value set (ignoring activeOnly). */
  public boolean contains(String system, @Nullable String version, String code) {
    for (Part part : parts) {
      if (part.index().system().equals(system)
          && (version == null || part.index().version() == null || version.equals(part.index().version()))) {
        Integer concept = part.index().find(code).orElse(null);
        if (concept != null && part.contains(concept)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The part drawing on {@code system}, if any. */
  public List<Part> partsFor(String system) {
    return parts.stream().filter(p -> p.index().system().equals(system)).toList();
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

    /** Number of members, counting inactive concepts only when asked. */
    public int size(boolean activeOnly) {
      int count = 0;
      for (int c = next(0); c >= 0; c = next(c + 1)) {
        if (!activeOnly || !index.isInactive(c)) {
          count++;
        }
      }
      return count;
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
