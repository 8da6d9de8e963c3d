package health.sihha.hie.ledger.fabric;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.client.identity.Identities;

/** A Fabric client identity as an MSP's CA would issue it (ECDSA P-256, X.509), written as PEM files. */
record TestIdentity(Path certificate, Path privateKey, String certificatePem) {

  static TestIdentity create(Path dir, String name) throws IOException, GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair keys = generator.generateKeyPair();
    X500Name subject = new X500Name("CN=" + name + ",OU=client,O=Provider1");
    Instant now = Instant.now();
    String pem;
    try {
      pem = Identities.toPemString(new JcaX509CertificateConverter().getCertificate(
          new JcaX509v3CertificateBuilder(subject, BigInteger.ONE, Date.from(now.minus(1, ChronoUnit.DAYS)),
              Date.from(now.plus(1, ChronoUnit.DAYS)), subject, keys.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
    Path certificate = Files.writeString(dir.resolve(name + "-cert.pem"), pem);
    Path privateKey = Files.writeString(dir.resolve(name + "-key.pem"), Identities.toPemString(keys.getPrivate()));
    return new TestIdentity(certificate, privateKey, pem);
  }
}
