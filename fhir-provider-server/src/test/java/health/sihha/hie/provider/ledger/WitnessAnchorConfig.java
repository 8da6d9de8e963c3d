package health.sihha.hie.provider.ledger;

import health.sihha.hie.interceptors.ledger.log.WitnessAnchor;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeadWitness;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An anchor for the provider tests in the place a Fabric channel takes with profile {@code fabric}: an in-process
 * witness that, as the chaincode does, refuses a head not proven to extend the last one it holds.
 */
@TestConfiguration(proxyBeanMethods = false)
public class WitnessAnchorConfig {

  @Bean
  WitnessAnchor witnessAnchor(NodeKeyFile keys, LedgerProperties ledger) {
    return new WitnessAnchor(new TreeHeadWitness(ledger.nodeId(), keys.keys().publicKey()));
  }
}
