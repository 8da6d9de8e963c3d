package health.sihha.hie.ministry.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.ministry.MinistryServerTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ministry witnesses a provider's ledger over its published operations, as {@code $ledger-witness-check} and
 * {@code $ledger-witness} show: a growing log is accepted head after head; a log rewritten under the node's own key,
 * a forged head and a changed key are refused, and the head the ministry held stays its reference.
 */
class LedgerWitnessTest extends MinistryServerTest {

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  MeterRegistry meters;

  private FakeLedgerNode node;

  @BeforeEach
  void startTheNode() throws Exception {
    jdbc.update("DELETE FROM SIHHA_WITNESS WHERE PROVIDER = ?", FakeLedgerNode.NODE);
    node = new FakeLedgerNode();
  }

  @AfterEach
  void stopTheNode() {
    node.close();
  }

  @Test
  void aGrowingLogIsAcceptedHeadAfterHead() {
    assertThat(check()).extracting(w -> w.verdict, w -> w.treeSize).containsExactly("CONSISTENT", null);
    node.append(5);
    assertThat(check()).extracting(w -> w.verdict, w -> w.treeSize).containsExactly("CONSISTENT", 5);
    node.append(7);
    node.append(1);
    assertThat(check()).extracting(w -> w.verdict, w -> w.treeSize).containsExactly("CONSISTENT", 13);
    assertThat(check()).as("the same head again").extracting(w -> w.verdict, w -> w.treeSize)
        .containsExactly("CONSISTENT", 13);

    Witnessed shown = status().orElseThrow();
    assertThat(shown.consistent).isTrue();
    assertThat(shown.treeSize).isEqualTo(13);
  }

  @Test
  void aLogRewrittenUnderTheNodesOwnKeyIsRefused() {
    node.append(8);
    assertThat(check().treeSize).isEqualTo(8);
    double refusedBefore = refusedCount("INCONSISTENT");

    node.rewrite(3, 4);
    Witnessed refused = check();
    assertThat(refused.verdict).isEqualTo("INCONSISTENT");
    assertThat(refused.consistent).isFalse();
    assertThat(refused.treeSize).as("the head held before stays the reference").isEqualTo(8);
    assertThat(refusedCount("INCONSISTENT")).isEqualTo(refusedBefore + 1);

    node.append(2);
    assertThat(check().verdict).as("growing the rewritten log does not make it consistent").isEqualTo("INCONSISTENT");
    assertThat(status().orElseThrow().treeSize).isEqualTo(8);
  }

  @Test
  void aForgedHeadAndAChangedKeyAreRefused() {
    node.append(4);
    assertThat(check().treeSize).isEqualTo(4);

    node.append(3);
    node.show(head -> new SignedTreeHead(head.nodeId(), head.treeSize(), head.rootHash(), head.timestamp(),
        flipped(head.signature())));
    assertThat(check().verdict).isEqualTo("NEWER_SIGNATURE_INVALID");
    node.show(head -> head);
    assertThat(check()).extracting(w -> w.verdict, w -> w.treeSize).containsExactly("CONSISTENT", 7);

    node.replaceKey();
    Witnessed changed = check();
    assertThat(changed.verdict).isEqualTo("KEY_CHANGED");
    assertThat(changed.treeSize).isEqualTo(7);
  }

  @Test
  void anUnregisteredProviderIsABadRequest() {
    assertThatThrownBy(() -> nationalStore().operation().onServer().named(WitnessOperations.CHECK)
        .withParameter(Parameters.class, "provider", new StringType("provider-unknown")).execute())
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("SIHHA-1150");
  }

  /** One provider's part of a witness answer. */
  private record Witnessed(String verdict, boolean consistent, Integer treeSize) {

    static Witnessed of(ParametersParameterComponent provider) {
      Integer size = provider.getPart().stream().filter(p -> "treeHead".equals(p.getName())).findFirst()
          .flatMap(head -> head.getPart().stream().filter(p -> "treeSize".equals(p.getName())).findFirst())
          .map(p -> ((IntegerType) p.getValue()).getValue()).orElse(null);
      return new Witnessed(part(provider, "verdict"), Boolean.parseBoolean(part(provider, "consistent")), size);
    }

    private static String part(ParametersParameterComponent provider, String name) {
      return provider.getPart().stream().filter(p -> name.equals(p.getName())).findFirst()
          .map(p -> p.getValue() instanceof BooleanType b ? b.getValueAsString() : ((StringType) p.getValue())
              .getValue()).orElseThrow();
    }
  }

  private Witnessed check() {
    Parameters answer = nationalStore().operation().onServer().named(WitnessOperations.CHECK)
        .withParameter(Parameters.class, "provider", new StringType(FakeLedgerNode.NODE)).execute();
    return Witnessed.of(answer.getParameterFirstRep());
  }

  private Optional<Witnessed> status() {
    Parameters answer = nationalStore().operation().onServer().named(WitnessOperations.STATUS)
        .withNoParameters(Parameters.class).useHttpGet().execute();
    return answer.getParameter().stream().filter(p -> p.getPart().stream().anyMatch(id -> "id".equals(id.getName())
        && FakeLedgerNode.NODE.equals(((StringType) id.getValue()).getValue()))).findFirst().map(Witnessed::of);
  }

  private double refusedCount(String verdict) {
    var counter = meters.find("sihha.witness.refused").tags("provider", FakeLedgerNode.NODE, "verdict", verdict)
        .counter();
    return counter == null ? 0 : counter.count();
  }

  private static byte[] flipped(byte[] signature) {
    byte[] copy = signature.clone();
    copy[0] ^= 1;
    return copy;
  }
}
