package health.sihha.hie.interceptors.cpabe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.scheme.MasterKey;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A user key wrapped to an app's P-256 key opens only with that key, for its subject and epoch. */
class UserKeyWrapTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static MasterKey master;
  private static UserKey key;

  @BeforeAll
  static void setUp() {
    CpAbe abe = new CpAbe();
    master = abe.setup();
    key = abe.keyGen(master, "user-1", List.of("role:physician", "facility:provider-a"), 3);
  }

  @Test
  void hkdfMatchesRfc5869TestCase1() {
    HexFormat hex = HexFormat.of();
    byte[] okm = Hkdf.sha256(hex.parseHex("000102030405060708090a0b0c"),
        hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), hex.parseHex("f0f1f2f3f4f5f6f7f8f9"));
    assertThat(hex.formatHex(okm)).isEqualTo("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf");
  }

  @Test
  void theAppThatTheKeyIsWrappedToUnwrapsIt() {
    AppKeyPair app = AppKeyPair.generate();
    byte[] wrapped = UserKeyWrap.wrap(key, AppKeyPair.parsePublicKey(app.publicKeySpki()), RANDOM);
    UserKey unwrapped = UserKeyWrap.unwrap(app, "user-1", 3, wrapped);
    assertThat(unwrapped.toBytes()).isEqualTo(key.toBytes());
    assertThat(new String(wrapped, StandardCharsets.ISO_8859_1)).doesNotContain("role:physician");
  }

  @Test
  void anotherAppCannotUnwrap() {
    AppKeyPair app = AppKeyPair.generate();
    byte[] wrapped = UserKeyWrap.wrap(key, (ECPublicKey) app.keyPair().getPublic(), RANDOM);
    assertThatThrownBy(() -> UserKeyWrap.unwrap(AppKeyPair.generate(), "user-1", 3, wrapped))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("SIHHA-1576");
  }

  @Test
  void aTamperedWrapOrAnotherSubjectOrEpochFails() {
    AppKeyPair app = AppKeyPair.generate();
    byte[] wrapped = UserKeyWrap.wrap(key, (ECPublicKey) app.keyPair().getPublic(), RANDOM);
    byte[] tampered = wrapped.clone();
    tampered[tampered.length - 20] ^= 1;
    assertThatThrownBy(() -> UserKeyWrap.unwrap(app, "user-1", 3, tampered))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("SIHHA-1576");
    assertThatThrownBy(() -> UserKeyWrap.unwrap(app, "user-2", 3, wrapped)).hasMessageContaining("SIHHA-1576");
    assertThatThrownBy(() -> UserKeyWrap.unwrap(app, "user-1", 4, wrapped)).hasMessageContaining("SIHHA-1576");
    assertThatThrownBy(() -> UserKeyWrap.unwrap(app, "user-1", 3, new byte[] {1, 2, 3}))
        .hasMessageContaining("SIHHA-1576");
  }

  @Test
  void keysThatAreNotP256AreRefused() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    byte[] rsaSpki = rsa.generateKeyPair().getPublic().getEncoded();
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp384r1"));
    byte[] p384 = ec.generateKeyPair().getPublic().getEncoded();
    for (byte[] spki : List.of(rsaSpki, p384, new byte[] {0x30, 0x03, 0x02, 0x01, 0x00})) {
      assertThatThrownBy(() -> AppKeyPair.parsePublicKey(spki))
          .isInstanceOf(InvalidRequestException.class).hasMessageContaining("SIHHA-1575");
    }
  }
}
