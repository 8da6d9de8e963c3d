package health.sihha.hie.provider.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import health.sihha.hie.interceptors.ledger.log.LedgerLog;
import health.sihha.hie.interceptors.ledger.log.WitnessAnchor;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.provider.ProviderServerTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * After each append the node's latest signed head goes to its anchors (a Fabric channel in production), each proven
 * to extend the one anchored before: the witness in the Fabric channel's place accepts them one after another.
 */
class LedgerAnchoringTest extends ProviderServerTest {

  @Autowired
  private WitnessAnchor anchor;

  @Autowired
  private LedgerLog log;

  @Test
  void everyNewHeadIsAnchoredProvenToExtendTheLastOne() {
    createPatient("Anchored-First");
    SignedTreeHead first = await().atMost(Duration.ofSeconds(30)).until(() -> anchor.latestAnchored().orElse(null),
        head -> head != null && head.equals(log.latest().orElse(null)));

    createPatient("Anchored-Second");
    SignedTreeHead second = await().atMost(Duration.ofSeconds(30)).until(() -> anchor.latestAnchored().orElse(null),
        head -> head != null && head.treeSize() > first.treeSize());
    assertThat(second.nodeId()).isEqualTo(first.nodeId());
  }
}
