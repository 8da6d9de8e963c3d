package health.sihha.hie.ledger.fabric;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import health.sihha.hie.interceptors.Codes;
import io.grpc.Channel;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/** Opens the gRPC channel to the gateway peer and the Fabric Gateway connection over it, from the settings. */
public final class FabricConnections {

  private FabricConnections() {}

  /** A TLS channel to the gateway peer, trusting only its CA. */
  public static ManagedChannel channel(FabricProperties settings) {
    ChannelCredentials tls;
    try {
      tls = TlsChannelCredentials.newBuilder().trustManager(settings.tlsCaCert().toFile()).build();
    } catch (IOException e) {
      throw new InternalErrorException(Codes.of(1600) + "cannot read the Fabric TLS CA " + settings.tlsCaCert(), e);
    }
    ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(settings.endpoint(), tls);
    if (!settings.tlsServerName().isEmpty()) {
      builder.overrideAuthority(settings.tlsServerName());
    }
    return builder.build();
  }

  /**
   * The node's gateway connection over {@code channel}, as the identity in the settings: the certificate is sent
   * with every request and its private key signs proposals, transactions and status requests.
   */
  public static Gateway connect(FabricProperties settings, Channel channel) {
    X509Certificate certificate;
    PrivateKey privateKey;
    try (Reader cert = Files.newBufferedReader(settings.certificate());
        Reader key = Files.newBufferedReader(settings.privateKey())) {
      certificate = Identities.readX509Certificate(cert);
      privateKey = Identities.readPrivateKey(key);
    } catch (IOException | GeneralSecurityException e) {
      throw new InternalErrorException(Codes.of(1601) + "cannot read the Fabric identity " + settings.certificate()
          + " / " + settings.privateKey(), e);
    }
    return Gateway.newInstance().identity(new X509Identity(settings.mspId(), certificate))
        .signer(Signers.newPrivateKeySigner(privateKey)).hash(Hash.SHA256).connection(channel).connect();
  }
}
