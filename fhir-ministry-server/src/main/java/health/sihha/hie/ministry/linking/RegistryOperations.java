package health.sihha.hie.ministry.linking;

import java.util.Set;

/** The linking operations invoked with POST on the otherwise read-only national store: they change links only. */
public final class RegistryOperations {

  public static final Set<String> WRITES = Set.of(LinkingOperations.LINK_DECISION, LinkingOperations.UNLINK);

  /** Every operation a registry steward, and only a steward, may invoke. */
  static final Set<String> STEWARD = Set.of(
      LinkingOperations.MATCH_CANDIDATES, LinkingOperations.LINK_DECISION, LinkingOperations.UNLINK);

  private RegistryOperations() {}
}
