package health.sihha.hie.interceptors.ledger.treehead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.sihha.hie.interceptors.ledger.Hash;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TreeHeadsTest {

  private static final HexFormat HEX = HexFormat.of();
  /** The CT reference root of 8 leaves. */
  private static final Hash ROOT_8 = Hash.fromHex("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");
  private static final Instant DEC_1 = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void theRfc8032KeySignsAsTheRfcSays() {
    LedgerKeyPair keys = TestKeys.rfc8032();
    assertThat(HEX.formatHex(keys.publicKey().raw())).isEqualTo(TestKeys.PUBLIC);
    assertThat(HEX.formatHex(keys.sign(new byte[0]))).isEqualTo("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974"
        + "d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  }

  @Test
  void aTreeHeadHasAKnownEncodingAndSignature() {
    // both computed apart from this code (Python struct and pyca/cryptography)
    SignedTreeHead head = TreeHeads.signer("provider-a", TestKeys.rfc8032()).sign(8, ROOT_8, DEC_1);
    assertThat(HEX.formatHex(head.signedData())).isEqualTo("53494848412d4c45444745522d535448010a70726f76696465722d61"
        + "000001a22ee6b0000000000000000008" + ROOT_8.toHex());
    assertThat(HEX.formatHex(head.signature())).isEqualTo("c0e7c35388658437887cc9a8ad36035e84c37456479fc5b5a15b49c099"
        + "0ac567fc6363d1a3ff798aa596e133de70a7b2601b3fc1f5ca058533f0956442ff4702");
    assertThat(TreeHeads.verify(head, TestKeys.rfc8032().publicKey())).isTrue();
  }

  @Test
  void forgedTreeHeadsAreRejected() {
    LedgerKeyPair keys = LedgerKeyPair.generate();
    SignedTreeHead head = TreeHeads.signer("provider-a", keys).sign(8, ROOT_8, DEC_1);
    LedgerPublicKey key = keys.publicKey();
    assertThat(TreeHeads.verify(head, key)).isTrue();

    byte[] flipped = head.signature();
    flipped[10] ^= 0x04;
    byte[] sig = head.signature();
    Hash otherRoot = Hash.fromHex(ROOT_8.toHex().replace('5', '6'));
    assertThat(TreeHeads.verify(new SignedTreeHead("provider-a", 8, ROOT_8, DEC_1, flipped), key)).isFalse();
    assertThat(TreeHeads.verify(new SignedTreeHead("provider-a", 9, ROOT_8, DEC_1, sig), key)).isFalse();
    assertThat(TreeHeads.verify(new SignedTreeHead("provider-a", 8, otherRoot, DEC_1, sig), key)).isFalse();
    assertThat(TreeHeads.verify(new SignedTreeHead("provider-a", 8, ROOT_8, DEC_1.plusMillis(1), sig), key))
        .isFalse();
    assertThat(TreeHeads.verify(new SignedTreeHead("provider-b", 8, ROOT_8, DEC_1, sig), key)).isFalse();
    assertThat(TreeHeads.verify(new SignedTreeHead("provider-a", 8, ROOT_8, DEC_1, new byte[64]), key)).isFalse();
    assertThat(TreeHeads.verify(head, LedgerKeyPair.generate().publicKey())).isFalse();
    assertThat(TreeHeads.verify(head, TestKeys.rfc8032().publicKey())).isFalse();
  }

  @Test
  void keysRoundTripThroughTheirEncodings() {
    LedgerKeyPair keys = LedgerKeyPair.generate();
    LedgerKeyPair loaded = LedgerKeyPair.fromEncoded(keys.privateKeyPkcs8(), keys.publicKeySpki());
    SignedTreeHead head = TreeHeads.signer("n1", loaded).sign(1, ROOT_8, DEC_1);
    assertThat(TreeHeads.verify(head, keys.publicKey())).isTrue();
    assertThat(LedgerPublicKey.fromBase64Spki(keys.publicKey().toBase64Spki())).isEqualTo(keys.publicKey());
    assertThat(LedgerPublicKey.fromJwk(keys.publicKey().toJwk())).isEqualTo(keys.publicKey());
    assertThat(keys.toString()).doesNotContain(HEX.formatHex(keys.privateKeyPkcs8()).substring(32));

    LedgerKeyPair other = LedgerKeyPair.generate();
    assertThatThrownBy(() -> LedgerKeyPair.fromEncoded(keys.privateKeyPkcs8(), other.publicKeySpki()))
        .hasMessageStartingWith("SIHHA-1483: ");
    assertThatThrownBy(() -> LedgerKeyPair.fromEncoded(new byte[] {1, 2}, keys.publicKeySpki()))
        .hasMessageStartingWith("SIHHA-1482: ");
  }

  @Test
  void thePublishedKeyIsAnRfc8037Jwk() {
    LedgerPublicKey key = TestKeys.rfc8032().publicKey();
    // RFC 8037 appendix A.3: the thumbprint of this key
    assertThat(key.keyId()).isEqualTo("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k");
    assertThat(key.toJwk()).isEqualTo("{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
        + "\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\","
        + "\"kid\":\"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k\","
        + "\"use\":\"sig\",\"alg\":\"EdDSA\"}");
    assertThat(key.toBase64Spki()).isEqualTo("MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
    assertThatThrownBy(() -> LedgerPublicKey.fromJwk("{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"AA\"}"))
        .hasMessageStartingWith("SIHHA-1484: ");
    assertThatThrownBy(() -> LedgerPublicKey.fromJwk("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAA\"}"))
        .hasMessageStartingWith("SIHHA-1484: ");
    assertThatThrownBy(() -> LedgerPublicKey.fromBase64Spki("MCowBQ")).hasMessageStartingWith("SIHHA-1482: ");
  }

  @Test
  void treeHeadFieldsAreChecked() {
    assertThatThrownBy(() -> new SignedTreeHead("a b", 1, ROOT_8, DEC_1, new byte[64]))
        .hasMessageStartingWith("SIHHA-1480: ");
    assertThatThrownBy(() -> new SignedTreeHead("a", -1, ROOT_8, DEC_1, new byte[64]))
        .hasMessageStartingWith("SIHHA-1480: ");
    assertThatThrownBy(() -> new SignedTreeHead("a", 1, ROOT_8, DEC_1, new byte[63]))
        .hasMessageStartingWith("SIHHA-1480: ");
  }
}
