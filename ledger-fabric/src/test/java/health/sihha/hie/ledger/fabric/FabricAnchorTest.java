package health.sihha.hie.ledger.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import health.sihha.hie.interceptors.ledger.EntryKind;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.Sha256;
import health.sihha.hie.interceptors.ledger.log.LedgerLog;
import health.sihha.hie.interceptors.ledger.store.InMemoryLedgerStore;
import health.sihha.hie.interceptors.ledger.treehead.LedgerKeyPair;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import health.sihha.hie.ledger.chaincode.Anchor;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter through the real Fabric Gateway client, against {@link InMemoryFabricGateway} over in-process gRPC. */
class FabricAnchorTest {

  private static final String NODE = "provider-a";
  private static final String MSP = "Provider1MSP";
  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  @TempDir
  Path dir;

  private final InMemoryFabricGateway peer = new InMemoryFabricGateway();
  private Server server;
  private ManagedChannel channel;
  private TestIdentity identity;
  private Gateway gateway;
  private FabricAnchor anchor;

  @BeforeEach
  void connect() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(peer).build().start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    identity = TestIdentity.create(dir, "node-a");
    gateway = FabricConnections.connect(settings(identity.certificate(), identity.privateKey()), channel);
    anchor = new FabricAnchor(contract(gateway), NODE);
  }

  @AfterEach
  void close() {
    gateway.close();
    channel.shutdownNow();
    server.shutdownNow();
  }

  private FabricProperties settings(Path certificate, Path privateKey) {
    return new FabricProperties("in-process", dir.resolve("unused-ca.pem"), "", MSP, certificate, privateKey,
        "sihha-ledger", "ledger-chaincode", NODE);
  }

  private static Contract contract(Gateway gateway) {
    return gateway.getNetwork("sihha-ledger").getContract("ledger-chaincode");
  }

  private static LedgerLog log() {
    return LedgerLog.open(new InMemoryLedgerStore(), TreeHeads.signer(NODE, LedgerKeyPair.generate()),
        Clock.fixed(T0, ZoneOffset.UTC));
  }

  private static List<LedgerEntry> entries(int from, int to, String content) {
    return IntStream.range(from, to).mapToObj(i -> LedgerEntry.of(EntryKind.RESOURCE_VERSION, "Observation",
        "obs-" + i, "1", Sha256.of((content + i).getBytes(StandardCharsets.UTF_8)), T0.plusMillis(i))).toList();
  }

  @Test
  void anchorsThreeTreeHeadsInOrderAndTheQueryReturnsTheLast() {
    LedgerLog log = log();
    for (int batch = 0; batch < 3; batch++) {
      log.appendBatch(entries(batch * 4, batch * 4 + 4, "resource "));
      log.anchorTo(anchor);
    }

    SignedTreeHead last = log.latest().orElseThrow();
    assertThat(anchor.latestAnchored()).contains(last);
    AnchorJson latest = anchor.latest().orElseThrow();
    assertThat(latest.batch()).isEqualTo(3);
    assertThat(latest.head().treeSize()).isEqualTo(12);
    // the chaincode stamps the transaction's time, which the client sets when it builds the proposal
    assertThat(latest.anchoredAt()).isAfter(T0);
  }

  @Test
  void anchoringTheSameHeadTwiceDoesNothing() {
    LedgerLog log = log();
    log.appendBatch(entries(0, 2, "resource "));
    log.anchorTo(anchor);
    log.anchorTo(anchor);

    assertThat(anchor.latest().orElseThrow().batch()).isEqualTo(1);
  }

  @Test
  void theChannelRejectsAGapOrARewriteWithTheChaincodesReason() throws Exception {
    LedgerLog log = log();
    log.appendBatch(entries(0, 2, "resource "));
    log.anchorTo(anchor);
    SignedTreeHead head = log.latest().orElseThrow();
    Contract raw = contract(gateway);

    assertThatThrownBy(() -> submit(raw, head, 3)).isInstanceOf(EndorseException.class)
        .hasMessageContaining("ABORTED").hasMessageContaining("batch 3 of provider-a leaves a gap: the next is 2");
    SignedTreeHead rewritten = new SignedTreeHead(NODE, head.treeSize(), Sha256.of(new byte[] {1}), head.timestamp(),
        head.signature());
    assertThatThrownBy(() -> submit(raw, rewritten, 1)).isInstanceOf(EndorseException.class)
        .hasMessageContaining("batch 1 of provider-a is already anchored with another tree head");
    assertThat(anchor.latestAnchored()).contains(head);
  }

  private static void submit(Contract contract, SignedTreeHead head, long batch) throws Exception {
    contract.submitTransaction("anchor", NODE, Long.toString(batch), head.rootHash().toHex(),
        Long.toString(head.treeSize()), Long.toString(head.timestamp().toEpochMilli()), head.signatureBase64());
  }

  @Test
  void theAdapterSurfacesTheChannelsRefusalOfARewrite() {
    LedgerLog log = log();
    log.appendBatch(entries(0, 2, "resource "));
    log.anchorTo(anchor);
    log.appendBatch(entries(2, 5, "resource "));
    // another replica of the node anchors batch 2 between the adapter's query and its transaction
    peer.beforeNextEndorse(book -> book.anchor(new Anchor(NODE, 2, "ab".repeat(32), 5, 0, "A".repeat(86) + "==",
        0)));

    assertThatThrownBy(() -> log.anchorTo(anchor)).isInstanceOf(PreconditionFailedException.class)
        .hasMessageStartingWith("SIHHA-1604: the Fabric channel refused to anchor SignedTreeHead[provider-a, size 5")
        .hasMessageContaining("batch 2 of provider-a is already anchored with another tree head");
  }

  @Test
  void theAdapterRefusesAHeadThatDoesNotExtendTheAnchoredOne() {
    LedgerLog log = log();
    log.appendBatch(entries(0, 3, "resource "));
    log.anchorTo(anchor);
    // the node's log rewritten: same node, other entries, a longer tree
    LedgerLog rewritten = log();
    rewritten.appendBatch(entries(0, 6, "forged "));

    assertThatThrownBy(() -> rewritten.anchorTo(anchor)).isInstanceOf(PreconditionFailedException.class)
        .hasMessageStartingWith("SIHHA-1603: SignedTreeHead[provider-a, size 6")
        .hasMessageContaining("does not extend the head anchored on the channel");
    assertThat(anchor.latest().orElseThrow().batch()).isEqualTo(1);
  }

  @Test
  void everyRequestIsSignedByTheConfiguredIdentity() {
    LedgerLog log = log();
    log.appendBatch(entries(0, 2, "resource "));
    log.anchorTo(anchor);

    // the log's query of the latest anchor, the adapter's, endorsement, submission and the commit status
    assertThat(peer.signers()).hasSize(5).allSatisfy(signer -> {
      assertThat(signer.getMspid()).isEqualTo(MSP);
      assertThat(signer.getIdBytes().toStringUtf8()).isEqualTo(identity.certificatePem());
    });
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
    TestIdentity other = TestIdentity.create(dir, "someone-else");
    try (Gateway impostor = FabricConnections.connect(settings(identity.certificate(), other.privateKey()),
        channel)) {
      FabricAnchor forged = new FabricAnchor(contract(impostor), NODE);

      assertThatThrownBy(forged::latestAnchored).isInstanceOf(InternalErrorException.class)
          .hasMessageStartingWith("SIHHA-1605: the Fabric gateway failed to query the latest anchor of provider-a")
          .hasMessageContaining("PERMISSION_DENIED");
    }
    assertThat(peer.signers()).isEmpty();
  }
}
