package health.sihha.hie.ledger.fabric;

import io.grpc.ManagedChannel;
import org.hyperledger.fabric.client.Gateway;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;

/**
 * With profile {@code fabric}: the node's tree heads are anchored on the Fabric channel that
 * {@code sihha.ledger.fabric.*} names, through its gateway peer.
 */
@AutoConfiguration
@Profile("fabric")
@EnableConfigurationProperties(FabricProperties.class)
public class FabricLedgerConfiguration {

  @Bean(destroyMethod = "shutdownNow")
  ManagedChannel fabricChannel(FabricProperties settings) {
    return FabricConnections.channel(settings);
  }

  @Bean(destroyMethod = "close")
  Gateway fabricGateway(FabricProperties settings, ManagedChannel fabricChannel) {
    return FabricConnections.connect(settings, fabricChannel);
  }

  @Bean
  FabricAnchor fabricAnchor(FabricProperties settings, Gateway fabricGateway) {
    return new FabricAnchor(fabricGateway.getNetwork(settings.channel()).getContract(settings.chaincode()),
        settings.nodeId());
  }
}
