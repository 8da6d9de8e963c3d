package health.sihha.hie.ministry.cpabe.seal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One sealing rule: a resource matches when its type is among {@code types}, it carries one of {@code labels} in
 * {@code meta.security} (as {@code code} or {@code system|code}) and it comes from one of {@code sources} (provider
 * ids of the source tag); an empty list matches anything.
 *
 * @param name shown in logs and refusals
 * @param policy the CP-ABE policy the resource is sealed under
 * @param denyMode what a reader whose key does not satisfy the policy gets
 */
public record SealingRule(
    @NotBlank String name,
    @DefaultValue({}) List<String> types,
    @DefaultValue({}) List<String> labels,
    @DefaultValue({}) List<String> sources,
    @NotBlank String policy,
    @DefaultValue("sealed") @NotNull DenyMode denyMode) {

  public SealingRule {
    types = List.copyOf(types);
    labels = List.copyOf(labels);
    sources = List.copyOf(sources);
  }
}
