package health.sihha.hie.ministry.cpabe.seal;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.IParser;
import health.sihha.hie.interceptors.HieOrder;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.envelope.SealContext;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

/**
 * Seals what the national store is about to write, after every other storage hook: the resource is labelled
 * ({@link SecurityLabeller}), and when a {@link SealingRules rule} matches, its full JSON is sealed under the rule's
 * policy for the current key epoch (with the {@link SharedEncapsulations shared encapsulation} of that policy) and
 * the resource is reduced, in place, to its {@link Projection clear projection}
 * carrying the envelope. So the database, its search indexes and its full-text index only ever see the projection.
 * Already sealed resources and the bare record of a withdrawn patient are left as they are.
 */
@Interceptor(order = HieOrder.SEALING)
public final class SealingInterceptor {

  private final CpAbe abe;
  private final SharedEncapsulations encapsulations;
  private final AttributeAuthority authority;
  private final SealingRules rules;
  private final SecurityLabeller labeller;
  private final Projection projection;
  private final FamilyIndex familyIndex;
  private final IParser parser;
  private final boolean enabled;

  SealingInterceptor(CpAbe abe, SharedEncapsulations encapsulations, AttributeAuthority authority, SealingRules rules,
      FamilyIndex familyIndex, FhirContext fhirContext, boolean enabled) {
    this.abe = requireNonNull(abe);
    this.encapsulations = requireNonNull(encapsulations);
    this.authority = requireNonNull(authority);
    this.rules = requireNonNull(rules);
    this.familyIndex = requireNonNull(familyIndex);
    this.labeller = new SecurityLabeller(fhirContext);
    this.projection = new Projection(fhirContext);
    this.parser = fhirContext.newJsonParser().setPrettyPrint(false);
    this.enabled = enabled;
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
  public void created(IBaseResource resource) {
    seal(resource);
  }

  @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
  public void updated(IBaseResource previous, IBaseResource resource) {
    seal(resource);
  }

  /**
   * Labels {@code stored} and, when a rule matches, seals it in place under that rule's policy; the policy, or empty
   * when sealing is off ({@code sihha.ministry.cpabe.sealing.enabled}), or it was already sealed, is a withdrawn
   * patient's bare record, or matches no rule.
   */
  public Optional<String> seal(IBaseResource stored) {
    if (!enabled || !(stored instanceof DomainResource resource) || SealedContent.isSealed(resource)
        || SealedContent.isBare(resource)) {
      return Optional.empty();
    }
    labeller.label(resource);
    Optional<String> policy = rules.match(resource).map(SealingRule::policy);
    policy.ifPresent(chosen -> sealUnder(resource, chosen));
    return policy;
  }

  /**
   * Seals {@code resource} in place under {@code policy}, whatever the rules say: for an older version of a resource
   * whose current version a rule has just matched. A sealed or bare record is left as it is, and so is everything
   * when sealing is off.
   */
  public void sealUnder(DomainResource resource, String policy) {
    if (!enabled || SealedContent.isSealed(resource) || SealedContent.isBare(resource)) {
      return;
    }
    byte[] plaintext = parser.encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
    SealContext context = SealedContent.context(resource, policy);
    byte[] envelope;
    try (SharedEncapsulations.Lease lease = encapsulations.lease(authority.masterKey(), policy, authority.epoch())) {
      envelope = abe.seal(lease.encapsulation(), plaintext, context);
    }
    projection.reduce(resource, familyDigests(resource));
    SealedContent.attach(resource, envelope);
  }

  private List<String> familyDigests(DomainResource resource) {
    if (!(resource instanceof Patient patient)) {
      return List.of();
    }
    return patient.getName().stream().map(HumanName::getFamily).filter(Objects::nonNull).map(familyIndex::digest)
        .filter(digest -> !digest.isEmpty()).distinct().toList();
  }
}
