package health.sihha.hie.ledger.fabric;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the node reaches its Fabric channel through a Fabric Gateway peer (profile {@code fabric}).
 *
 * @param endpoint the gateway peer, {@code host:port}
 * @param tlsCaCert the PEM CA certificate that signed the peer's TLS certificate
 * @param tlsServerName the host name in the peer's TLS certificate when it differs from the endpoint's, or ""
 * @param mspId the MSP of the node's organisation, e.g. {@code Provider1MSP}
 * @param certificate the PEM X.509 certificate of the node's Fabric identity (issued by the MSP's CA)
 * @param privateKey the PEM private key of that identity (ECDSA, as Fabric CAs issue)
 * @param channel the channel holding the anchors
 * @param chaincode the name the {@code ledger-chaincode} package was committed under
 * @param nodeId the ledger node whose tree heads are anchored, as in its signed tree heads
 */
@ConfigurationProperties("sihha.ledger.fabric")
public record FabricProperties(String endpoint, Path tlsCaCert, @DefaultValue("") String tlsServerName,
    String mspId, Path certificate, Path privateKey, @DefaultValue("sihha-ledger") String channel,
    @DefaultValue("ledger-chaincode") String chaincode, String nodeId) {

  public FabricProperties {
    required("endpoint", endpoint);
    required("tls-ca-cert", tlsCaCert);
    required("msp-id", mspId);
    required("certificate", certificate);
    required("private-key", privateKey);
    required("node-id", nodeId);
  }

  // profile fabric without its settings is a deployment error: say which one is missing at startup
  private static void required(String name, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("sihha.ledger.fabric." + name + " is required with profile fabric");
    }
  }
}
