package org.hyperledger.fabric.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.contract.metadata.MetadataBuilder;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.shim.Chaincode.Response;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chaincode through the shim's own contract routing, as a peer's invocation reaches it: the function name and
 * string arguments of a transaction, the contract found on the classpath, its metadata validated. In the shim's
 * package because {@code findAllContracts} is package-private there.
 */
class AnchorContractRoutingTest {

  private static final String ROOT = "ab".repeat(32);
  private static final String SIGNATURE = "A".repeat(86) + "==";

  private static ContractRouter router;
  private final Map<String, String> worldState = new HashMap<>();

  @BeforeAll
  static void findContracts() {
    router = new ContractRouter(new String[] {"-a", "127.0.0.1:7052", "-i", "ledger-chaincode:test"});
    router.findAllContracts();
    MetadataBuilder.initialize(router.getRoutingRegistry(), router.getTypeRegistry());
  }

  private Response invoke(String... args) throws IOException {
    ChaincodeStub stub = mock(ChaincodeStub.class);
    List<String> strings = List.of(args);
    when(stub.getStringArgs()).thenReturn(strings);
    when(stub.getArgs()).thenReturn(strings.stream().map(a -> a.getBytes(StandardCharsets.UTF_8)).toList());
    when(stub.getFunction()).thenReturn(args[0]);
    when(stub.getParameters()).thenReturn(strings.subList(1, strings.size()));
    when(stub.getTxTimestamp()).thenReturn(Instant.ofEpochMilli(1_000));
    when(stub.getCreator()).thenReturn(creator());
    when(stub.getStringState(anyString())).thenAnswer(i -> worldState.getOrDefault(i.getArgument(0), ""));
    doAnswer(i -> worldState.put(i.getArgument(0), i.getArgument(1))).when(stub)
        .putStringState(anyString(), anyString());
    return router.invoke(stub);
  }

  private static byte[] creator() throws IOException {
    try (InputStream pem = AnchorContractRoutingTest.class.getResourceAsStream("/client-cert.pem")) {
      return SerializedIdentity.newBuilder().setMspid("Provider1MSP").setIdBytes(ByteString.readFrom(pem)).build()
          .toByteArray();
    }
  }

  @Test
  void routesTheTransactionsByNameWithTheirArguments() throws IOException {
    Response anchored = invoke("anchor", "provider-a", "1", ROOT, "5", "900", SIGNATURE);
    Response latest = invoke("latest", "provider-a");
    Response gap = invoke("anchor", "provider-a", "3", ROOT, "5", "900", SIGNATURE);

    assertThat(anchored.getStatus()).isEqualTo(Response.Status.SUCCESS);
    String json = "{\"nodeId\":\"provider-a\",\"batch\":1,\"rootHash\":\"" + ROOT + "\",\"treeSize\":5,"
        + "\"signedAt\":900,\"signature\":\"" + SIGNATURE + "\",\"anchoredAt\":1000}";
    assertThat(anchored.getStringPayload()).isEqualTo(json);
    assertThat(latest.getStringPayload()).isEqualTo(json);
    assertThat(invoke("anchorOf", "provider-a", "1").getStringPayload()).isEqualTo(json);
    assertThat(gap.getStatus()).isEqualTo(Response.Status.INTERNAL_SERVER_ERROR);
    assertThat(gap.getMessage()).isEqualTo("batch 3 of provider-a leaves a gap: the next is 2");
  }
}
