package health.sihha.hie.terminology.grammar;

import java.util.List;
import java.util.Optional;

/** The grammar-based code systems a server knows, by canonical URL. */
public record GrammarCodeSystems(List<GrammarCodeSystem> systems) {

  public GrammarCodeSystems {
    systems = List.copyOf(systems);
  }

  public static GrammarCodeSystems none() {
    return new GrammarCodeSystems(List.of());
  }

  public Optional<GrammarCodeSystem> forSystem(String system) {
    return systems.stream().filter(g -> g.system().equals(system)).findFirst();
  }
}
