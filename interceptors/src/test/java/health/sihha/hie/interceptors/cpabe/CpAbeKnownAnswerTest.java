package health.sihha.hie.interceptors.cpabe;

import static org.assertj.core.api.Assertions.assertThat;

import health.sihha.hie.interceptors.cpabe.envelope.SealContext;
import health.sihha.hie.interceptors.cpabe.scheme.MasterKey;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Known answers. With a fixed deterministic generator (SHA-256 in counter mode over a seed, {@link TestRandom}),
 * setup, key generation and sealing must give the same bytes on every machine and every version of this code; and an
 * envelope stored by an earlier build must still open. A change to any of these values is a change of format or of
 * the order in which randomness is drawn, and needs a new format version.
 */
class CpAbeKnownAnswerTest {

  private static final String POLICY = "2 of (role:physician, role:nurse, facility:provider-a) and label:n";
  private static final SealContext CONTEXT = new SealContext("Observation", "obs-kat", "1", POLICY);
  private static final byte[] PLAINTEXT =
      "{\"resourceType\":\"Observation\",\"id\":\"obs-kat\"}".getBytes(StandardCharsets.UTF_8);

  private static final String PUBLIC_PARAMETERS_SHA256 =
      "edb08d59b1d73f3a5a43a66483bd74282b1554c54a7e8f131b5171248b709039";
  private static final String SETUP_ID =
      "edb08d59b1d73f3a5a43a66483bd7428";
  private static final String USER_KEY_SHA256 =
      "6b110461c2296a86713f2b342ada6a8efb6f118d4d4c584220abb15a346231b4";
  private static final String ENVELOPE_SHA256 =
      "6ecdba1b3b1c71f8333c350e2ce2e4acdd05ed686f884f885925e661852fccc2";
  private static final String STORED_MASTER_KEY =
      "53484d4b010101edb08d59b1d73f3a5a43a66483bd74288058202208006b9e649c371d43f4d0d53746eae4a11bdd734b"
      + "cfefc2563773d340484c0c9d7911c8068f8c6faf67c119ac916ad9f0a1f513c71e0d6b9b3dd5ad7433144d013a4d26d9"
      + "211d2ff6ac3c3c7373863d4ce9cdb757afe9bed9b5cfbd14e32d6035ff78debb4ff7f72fe5ec1e9ee9b3ce23b01f677a"
      + "7fd0af3f0da2ad953b86d2d032825823349e91419ba9b51ef0e9ea54caf74cefecfdd0df4f5b7986cc96432fd8228365"
      + "8287bdefefa7c2";
  private static final String STORED_ENVELOPE =
      "53484354010101edb08d59b1d73f3a5a43a66483bd7428004232206f662028726f6c653a70687973696369616e2c2072"
      + "6f6c653a6e757273652c20666163696c6974793a70726f76696465722d612920616e64206c6162656c3a6e0000000000"
      + "0000018786b05a4946cb2c1534a54c800172c3a016c51063dede9f94465ea83428c887e86b52088ff1380d49a5569451"
      + "ab823810e9c0967f4731f632c34de59d1927b035388f4b0fbd9ed7a3847877a798c7edfa4ed881bcc0fdc01c3a6db610"
      + "f5a45201b147fce24fc486ca5d335277326697b4e082d4197bfb35ecb397c082788995ce083563a493e40e0b6644dd0d"
      + "d167e60303725e6ba31eb1be69376913d7ef2d7028f28120cc5b8fc81b897b47775534d0b4d45d6ee5f4a7efad93c847"
      + "6ff4a036010004aea78fd162e217519a3bcc73320f35618258a9566d42102d0de2b23996be57b4a08ab1e4d0d0ca75e5"
      + "625d738905a8f98f2bac2b8ace7fdb37f08af0572682362f271015b8a1e20f8782b97e808c6bc65c7aa0b823e993a51a"
      + "8647d42ccdd9e385b2af523ac0e2e398faee0a1922196bc85827699e43e35d87e3f25c0a17f3b5e99f36b5bfd3f42a8c"
      + "b49750971d5e25917e17b4d27d221a82b9ee3682b9eb3ba1a11bbb516bafa1049990b101ee06548b970787bbd6c4ad4d"
      + "fcc0051003865a623220a29d9cbeadd6a41c6f1ac1847b9b686719e6cec8e1d6fe9126b9662b8d0c91dbf9ab77c4d7a2"
      + "b529939628b1096b01ecf0297b53d6e7813132ef4d3808b65371751f7a54b1f1ec5f5e8e20f579cc7181dda20eeba16e"
      + "de9f8dac28008026b5a25efbcb230e79b928c262817f9c70915b61991866c599de6d956d8d0ee369cf0f43a1";

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void aFixedSeedGivesFixedKeysAndEnvelopes() throws NoSuchAlgorithmException {
    CpAbe abe = new CpAbe(TestRandom.seeded("sihha-cpabe-kat-1"));
    MasterKey master = abe.setup();
    assertThat(sha256(master.publicParameters().toBytes())).isEqualTo(PUBLIC_PARAMETERS_SHA256);
    assertThat(master.publicParameters().setupIdHex()).isEqualTo(SETUP_ID);
    UserKey key = abe.keyGen(master, "Practitioner/kat", List.of("role:nurse", "facility:provider-a", "label:n"), 1);
    assertThat(sha256(key.toBytes())).isEqualTo(USER_KEY_SHA256);
    byte[] envelope = abe.seal(master, POLICY, 1, PLAINTEXT, CONTEXT);
    assertThat(sha256(envelope)).isEqualTo(ENVELOPE_SHA256);
    assertThat(abe.open(key, envelope, CONTEXT)).isEqualTo(PLAINTEXT);
    assertThat(HexFormat.of().formatHex(master.toBytes())).isEqualTo(STORED_MASTER_KEY);
    assertThat(HexFormat.of().formatHex(envelope)).isEqualTo(STORED_ENVELOPE);
  }

  @Test
  void anEnvelopeStoredByAnEarlierBuildStillOpens() {
    CpAbe abe = new CpAbe();
    MasterKey master = MasterKey.fromBytes(HexFormat.of().parseHex(STORED_MASTER_KEY));
    UserKey key = abe.keyGen(master, "Practitioner/later", List.of("role:physician", "role:nurse", "label:n"), 1);
    assertThat(abe.open(key, HexFormat.of().parseHex(STORED_ENVELOPE), CONTEXT)).isEqualTo(PLAINTEXT);
  }
}
