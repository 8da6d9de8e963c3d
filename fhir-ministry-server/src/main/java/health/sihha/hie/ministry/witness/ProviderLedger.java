package health.sihha.hie.ministry.witness;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.sihha.hie.interceptors.ledger.Hash;
import health.sihha.hie.interceptors.ledger.merkle.ConsistencyProof;
import health.sihha.hie.interceptors.ledger.treehead.LedgerPublicKey;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.ministry.MinistryProperties.RegisteredProvider;
import health.sihha.hie.ministry.replication.ProviderClients;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;
import org.springframework.stereotype.Component;

/**
 * A provider's ledger as its operations publish it ({@code $ledger-public-key}, {@code $ledger-tree-heads},
 * {@code $ledger-consistency}), read with the ministry's own client of that provider.
 */
@Component
class ProviderLedger {

  private final ProviderClients clients;

  ProviderLedger(ProviderClients clients) {
    this.clients = requireNonNull(clients);
  }

  LedgerPublicKey publicKey(RegisteredProvider provider) {
    Parameters key = call(provider, "$ledger-public-key", new Parameters());
    return LedgerPublicKey.fromSpki(((Base64BinaryType) value(key.getParameter(), "spki")).getValue());
  }

  /** The node's latest signed tree head; empty while nothing is anchored. */
  Optional<SignedTreeHead> latestHead(RegisteredProvider provider) {
    return call(provider, "$ledger-tree-heads", new Parameters()).getParameter().stream()
        .filter(p -> "treeHead".equals(p.getName())).findFirst().map(p -> treeHead(p.getPart()));
  }

  /** The node's proof that its log at {@code second} entries extends its log at {@code first}; empty if it has none. */
  Optional<ConsistencyProof> consistency(RegisteredProvider provider, long first, long second) {
    Parameters request = new Parameters();
    request.addParameter("first", new IntegerType(Math.toIntExact(first)));
    request.addParameter("second", new IntegerType(Math.toIntExact(second)));
    Parameters answer = call(provider, "$ledger-consistency", request);
    if (answer.getParameter("firstSize") == null) {
      return Optional.empty();
    }
    List<Hash> path = answer.getParameter().stream().filter(p -> "path".equals(p.getName()))
        .map(p -> Hash.fromHex(((StringType) p.getValue()).getValue())).toList();
    return Optional.of(new ConsistencyProof(((IntegerType) answer.getParameter("firstSize").getValue()).getValue(),
        ((IntegerType) answer.getParameter("secondSize").getValue()).getValue(), path));
  }

  private Parameters call(RegisteredProvider provider, String operation, Parameters parameters) {
    IGenericClient client = clients.of(provider);
    var named = client.operation().onServer().named(operation);
    var call = parameters.isEmpty() ? named.withNoParameters(Parameters.class) : named.withParameters(parameters);
    return call.useHttpGet().returnResourceType(Parameters.class).execute();
  }

  private static SignedTreeHead treeHead(List<ParametersParameterComponent> parts) {
    return new SignedTreeHead(((StringType) value(parts, "nodeId")).getValue(),
        ((IntegerType) value(parts, "treeSize")).getValue(),
        Hash.fromHex(((StringType) value(parts, "rootHash")).getValue()),
        ((InstantType) value(parts, "timestamp")).getValue().toInstant(),
        ((Base64BinaryType) value(parts, "signature")).getValue());
  }

  private static Type value(List<ParametersParameterComponent> parts, String name) {
    return parts.stream().filter(p -> name.equals(p.getName())).findFirst()
        .map(ParametersParameterComponent::getValue)
        .orElseThrow(() -> new IllegalStateException("the provider's answer has no " + name));
  }
}
