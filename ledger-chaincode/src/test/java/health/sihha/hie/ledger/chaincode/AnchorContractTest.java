package health.sihha.hie.ledger.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnchorContractTest {

  private static final String NODE = "provider-a";
  private static final String SIGNATURE = "A".repeat(86) + "==";
  private static final Instant TX_TIME = Instant.parse("2026-12-06T01:00:00Z");

  private final Map<String, String> worldState = new HashMap<>();
  private final AnchorContract contract = new AnchorContract();
  private Context ctx;

  @BeforeEach
  void mockStub() {
    ChaincodeStub stub = mock(ChaincodeStub.class);
    // the shim answers "" for an absent key
    when(stub.getStringState(anyString())).thenAnswer(i -> worldState.getOrDefault(i.getArgument(0), ""));
    doAnswer(i -> worldState.put(i.getArgument(0), i.getArgument(1))).when(stub)
        .putStringState(anyString(), anyString());
    when(stub.getTxTimestamp()).thenReturn(TX_TIME);
    ctx = mock(Context.class);
    when(ctx.getStub()).thenReturn(stub);
  }

  private static String root(char digit) {
    return String.valueOf(digit).repeat(64);
  }

  private String anchor(long batch, char root, long size) {
    return contract.anchor(ctx, NODE, batch, root(root), size, 1_000 * batch, SIGNATURE);
  }

  @Test
  void anchorsBatchesInOrderAndAnswersQueries() {
    anchor(1, '1', 10);
    anchor(2, '2', 25);
    String third = anchor(3, '3', 25 + 7);

    assertThat(contract.latest(ctx, NODE)).isEqualTo(third);
    assertThat(Anchor.fromJson(contract.anchorOf(ctx, NODE, 2)))
        .isEqualTo(new Anchor(NODE, 2, root('2'), 25, 2_000, SIGNATURE, TX_TIME.toEpochMilli()));
    assertThat(contract.latest(ctx, "provider-b")).isEmpty();
  }

  @Test
  void storesKnownJson() {
    anchor(1, 'a', 3);

    assertThat(worldState).containsOnlyKeys("anchor/provider-a/0000000000000000001", "latest/provider-a");
    assertThat(worldState.get("latest/provider-a")).isEqualTo("{\"nodeId\":\"provider-a\",\"batch\":1,\"rootHash\":\""
        + root('a') + "\",\"treeSize\":3,\"signedAt\":1000,\"signature\":\"" + SIGNATURE
        + "\",\"anchoredAt\":1796518800000}");
  }

  @Test
  void rejectsARewrite() {
    anchor(1, '1', 10);
    anchor(2, '2', 20);

    assertThatThrownBy(() -> anchor(1, 'f', 10)).isInstanceOf(ChaincodeException.class)
        .hasMessageContaining("batch 1 of provider-a is already anchored with another tree head");
    assertThat(Anchor.fromJson(contract.anchorOf(ctx, NODE, 1)).rootHash()).isEqualTo(root('1'));
  }

  @Test
  void acceptsTheSameHeadAgainSoThatClientsMayRetry() {
    String first = anchor(1, '1', 10);

    assertThat(anchor(1, '1', 10)).isEqualTo(first);
    assertThat(contract.latest(ctx, NODE)).isEqualTo(first);
  }

  @Test
  void rejectsGaps() {
    assertThatThrownBy(() -> anchor(2, '2', 10)).isInstanceOf(ChaincodeException.class)
        .hasMessage("batch 2 of provider-a leaves a gap: the next is 1");
    anchor(1, '1', 10);
    assertThatThrownBy(() -> anchor(3, '3', 30)).hasMessage("batch 3 of provider-a leaves a gap: the next is 2");
  }

  @Test
  void rejectsAShrinkingTreeOrANewRootOfTheSameSize() {
    anchor(1, '1', 10);

    assertThatThrownBy(() -> anchor(2, '2', 9)).isInstanceOf(ChaincodeException.class)
        .hasMessage("the tree of provider-a shrank from 10 to 9 entries");
    assertThatThrownBy(() -> anchor(2, '2', 10))
        .hasMessage("the tree of provider-a kept its size 10 but changed its root");
    assertThat(Anchor.fromJson(anchor(2, '1', 10)).batch()).isEqualTo(2);
  }

  @Test
  void rejectsMalformedAnchors() {
    assertThatThrownBy(() -> contract.anchor(ctx, "a/b", 1, root('1'), 1, 1, SIGNATURE))
        .isInstanceOf(ChaincodeException.class).hasMessage("invalid node id: a/b");
    assertThatThrownBy(() -> contract.anchor(ctx, NODE, 1, "ABC", 1, 1, SIGNATURE))
        .hasMessage("the root is 64 lower-case hex digits");
    assertThatThrownBy(() -> contract.anchor(ctx, NODE, 1, root('1'), 1, 1, "c2ln"))
        .hasMessage("the signature is 64 bytes in base64");
    assertThat(worldState).isEmpty();
  }

  @Test
  void anAbsentBatchIsNotFound() {
    assertThatThrownBy(() -> contract.anchorOf(ctx, NODE, 1)).isInstanceOf(ChaincodeException.class)
        .hasMessage("no anchor of batch 1 of provider-a");
  }
}
