package health.sihha.hie.ministry.ingest;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.canonical.ResourceCanonicalizer;
import health.sihha.hie.interceptors.ledger.canonical.ResourceHasher;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * The unsalted canonical hash (interceptors/LEDGER.md) of a provider's resource as the provider sent or serves it,
 * before the ministry rewrites its ids: references to the provider's own FHIR base count as relative, as they do
 * in the provider's own hashing, so the ministry computes the hash the provider sent with the version.
 */
@Component
public class SourceHashes {

  private final FhirContext fhirContext;
  private final Map<String, ResourceCanonicalizer> canonicalizers = new ConcurrentHashMap<>();

  SourceHashes(FhirContext fhirContext) {
    this.fhirContext = requireNonNull(fhirContext);
  }

  /** SHA-256 of the canonical form of {@code resource}, a version of {@code provider}'s, as the provider wrote it. */
  public Hash of(RegisteredProvider provider, Resource resource) {
    ResourceCanonicalizer canonicalizer = canonicalizers.computeIfAbsent(provider.fhirBase().toString(),
        base -> new ResourceCanonicalizer(fhirContext, List.of(base)));
    return ResourceHasher.unsaltedHash(canonicalizer.canonicalBytes(resource));
  }
}
