package health.sihha.hie.interceptors.cpabe.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.cpabe.TestRandom;
import health.sihha.hie.interceptors.cpabe.policy.Attribute;
import health.sihha.hie.interceptors.cpabe.policy.Lsss;
import health.sihha.hie.interceptors.cpabe.policy.Policy;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import supranational.blst.P1_Affine;
import supranational.blst.Scalar;

class FabeoTest {

  private static final SecureRandom RANDOM = TestRandom.seeded("FabeoTest");
  private static final MasterKey MASTER = Fabeo.setup(RANDOM);
  private static final long EPOCH = 7;

  private static List<Attribute> attrs(String... texts) {
    return Set.of(texts).stream().map(Attribute::parse).sorted().toList();
  }

  private static byte[] decrypt(UserKey key, Lsss lsss, AbeHeader header) {
    Map<Integer, BigInteger> omega = lsss.coefficients(key.attributes()).orElseThrow();
    return Fabeo.decapsulate(key, lsss, header, omega);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "role:nurse",
      "role:nurse and facility:provider-a and label:n",
      "role:physician or role:nurse or role:pharmacist",
      "(role:nurse or role:physician) and facility:provider-a",
      "3 of (role:nurse, facility:provider-a, label:n, role:physician, region:north)",
      "(role:nurse and label:n) or (role:nurse and facility:provider-a) or 2 of (role:nurse, label:n, region:x)",
  })
  void aSatisfyingKeyRecoversTheEncapsulatedSecretAndSoDoesTheMasterKey(String text) {
    Lsss lsss = Lsss.of(Policy.parse(text));
    Encapsulation enc = Fabeo.encapsulate(MASTER, lsss, EPOCH, RANDOM);
    UserKey key = Fabeo.keyGen(MASTER, "nurse-1", attrs("role:nurse", "facility:provider-a", "label:n", "region:north"),
        EPOCH, RANDOM);
    assertThat(enc.secret()).hasSize(Bls12381.GT_BYTES);
    assertThat(decrypt(key, lsss, enc.header())).isEqualTo(enc.secret());
    assertThat(Fabeo.recover(MASTER, lsss, enc.header())).isEqualTo(enc.secret());
    assertThat(enc.header().occurrenceCount()).isEqualTo(lsss.maxOccurrence());
  }

  @Test
  void aReusedAttributeNeedsItsSecondOccurrenceAndStillDecrypts() {
    Lsss lsss = Lsss.of(Policy.parse("(a:x and b:y) or (a:x and c:z)"));
    Encapsulation enc = Fabeo.encapsulate(MASTER, lsss, EPOCH, RANDOM);
    UserKey key = Fabeo.keyGen(MASTER, "u", attrs("a:x", "c:z"), EPOCH, RANDOM);
    Map<Integer, BigInteger> omega = lsss.coefficients(key.attributes()).orElseThrow();
    assertThat(omega).containsOnlyKeys(2, 3);
    assertThat(lsss.rows().get(2).occurrence()).isEqualTo(2);
    assertThat(Fabeo.decapsulate(key, lsss, enc.header(), omega)).isEqualTo(enc.secret());
    assertThat(enc.header().occurrenceCount()).isEqualTo(2);
  }

  @Test
  void twoUsersCannotCombineTheirKeyElementsToSatisfyAnAnd() {
    Lsss lsss = Lsss.of(Policy.parse("a:x and b:y"));
    Encapsulation enc = Fabeo.encapsulate(MASTER, lsss, EPOCH, RANDOM);
    UserKey alice = Fabeo.keyGen(MASTER, "alice", attrs("a:x"), EPOCH, RANDOM);
    UserKey bob = Fabeo.keyGen(MASTER, "bob", attrs("b:y"), EPOCH, RANDOM);
    assertThat(lsss.coefficients(alice.attributes())).isEmpty();
    assertThat(lsss.coefficients(bob.attributes())).isEmpty();
    Map<Attribute, P1_Affine> pooled = new TreeMap<>();
    pooled.put(Attribute.parse("a:x"), alice.sk2(Attribute.parse("a:x")));
    pooled.put(Attribute.parse("b:y"), bob.sk2(Attribute.parse("b:y")));
    UserKey withAlicesBase = new UserKey(alice.setupId(), "alice+bob", EPOCH, alice.sk1(), pooled, alice.sk3());
    UserKey withBobsBase = new UserKey(bob.setupId(), "bob+alice", EPOCH, bob.sk1(), pooled, bob.sk3());
    UserKey mixedBase = new UserKey(bob.setupId(), "mixed", EPOCH, alice.sk1(), pooled, bob.sk3());
    assertThat(decrypt(withAlicesBase, lsss, enc.header())).isNotEqualTo(enc.secret());
    assertThat(decrypt(withBobsBase, lsss, enc.header())).isNotEqualTo(enc.secret());
    assertThat(decrypt(mixedBase, lsss, enc.header())).isNotEqualTo(enc.secret());
    // the control: one user holding both attributes decrypts
    UserKey both = Fabeo.keyGen(MASTER, "carol", attrs("a:x", "b:y"), EPOCH, RANDOM);
    assertThat(decrypt(both, lsss, enc.header())).isEqualTo(enc.secret());
  }

  @Test
  void aKeyOfAnotherEpochComputesAnotherSecretEvenWhenRelabelled() {
    Lsss lsss = Lsss.of(Policy.parse("role:nurse"));
    Encapsulation enc = Fabeo.encapsulate(MASTER, lsss, EPOCH + 1, RANDOM);
    UserKey old = Fabeo.keyGen(MASTER, "nurse-1", attrs("role:nurse"), EPOCH, RANDOM);
    UserKey relabelled = new UserKey(old.setupId(), old.subject(), EPOCH + 1, old.sk1(),
        Map.of(Attribute.parse("role:nurse"), old.sk2(Attribute.parse("role:nurse"))), old.sk3());
    assertThat(decrypt(relabelled, lsss, enc.header())).isNotEqualTo(enc.secret());
    UserKey current = Fabeo.keyGen(MASTER, "nurse-1", attrs("role:nurse"), EPOCH + 1, RANDOM);
    assertThat(decrypt(current, lsss, enc.header())).isEqualTo(enc.secret());
  }

  @Test
  void keysAndParametersSurviveSerialization() {
    MasterKey reloaded = MasterKey.fromBytes(MASTER.toBytes());
    assertThat(reloaded.publicParameters()).isEqualTo(MASTER.publicParameters());
    assertThat(PublicParameters.fromBytes(MASTER.publicParameters().toBytes())).isEqualTo(MASTER.publicParameters());
    assertThat(MASTER.toBytes()).hasSize(199);
    assertThat(MASTER.publicParameters().toBytes()).hasSize(727);

    Lsss lsss = Lsss.of(Policy.parse("role:nurse and facility:provider-a"));
    Encapsulation enc = Fabeo.encapsulate(reloaded, lsss, EPOCH, RANDOM);
    UserKey key = Fabeo.keyGen(MASTER, "nurse-\u00e9", attrs("role:nurse", "facility:provider-a"), EPOCH, RANDOM);
    UserKey copy = UserKey.fromBytes(key.toBytes());
    assertThat(copy.toBytes()).isEqualTo(key.toBytes());
    assertThat(copy.subject()).isEqualTo("nurse-\u00e9");
    assertThat(copy.attributes()).containsExactlyElementsOf(key.attributes());
    assertThat(decrypt(copy, lsss, enc.header())).isEqualTo(enc.secret());
  }

  @Test
  void aCorruptedMasterKeyIsRefusedByItsSetupId() {
    byte[] bytes = MASTER.toBytes();
    bytes[bytes.length - 1] ^= 1;
    assertThatThrownBy(() -> MasterKey.fromBytes(bytes)).isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("SIHHA-1421: invalid CP-ABE master key: alpha does not belong to setup "
            + MASTER.publicParameters().setupIdHex());
    assertThatThrownBy(() -> MasterKey.fromBytes(MASTER.publicParameters().toBytes()))
        .hasMessageStartingWith("SIHHA-1421: invalid CP-ABE master key: not a CP-ABE master key (magic 'SHPP')");
  }

  @Test
  void malformedUserKeysAreRefusedWithTheReason() {
    byte[] bytes = Fabeo.keyGen(MASTER, "u", attrs("a:x"), EPOCH, RANDOM).toBytes();
    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> UserKey.fromBytes(truncated)).isInstanceOf(InvalidRequestException.class)
          .hasMessageStartingWith("SIHHA-1422: invalid CP-ABE user key: ");
    }
    byte[] badPoint = bytes.clone();
    badPoint[bytes.length - 10] ^= 0x55;
    assertThatThrownBy(() -> UserKey.fromBytes(badPoint)).hasMessageContaining("sk2");
    byte[] future = bytes.clone();
    future[4] = 2;
    assertThatThrownBy(() -> UserKey.fromBytes(future))
        .hasMessage("SIHHA-1422: invalid CP-ABE user key: format version 2 is not supported (this library reads 1)");
  }

  @Test
  void theMasterKeyFileIsOwnerOnlyAndNeverOverwritten(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("cpabe-master.key");
    MasterKeyFile.write(file, MASTER);
    assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
        PosixFilePermission.OWNER_WRITE);
    assertThat(MasterKeyFile.read(file).publicParameters()).isEqualTo(MASTER.publicParameters());
    assertThatThrownBy(() -> MasterKeyFile.write(file, MASTER)).isInstanceOf(InternalErrorException.class)
        .hasMessageStartingWith("SIHHA-1424: will not overwrite the existing key file");
  }

  @Test
  void randomScalarsAreReducedModR() {
    for (int i = 0; i < 200; i++) {
      Scalar s = Bls12381.randomScalar(RANDOM);
      assertThat(new BigInteger(1, s.to_bendian())).isLessThan(Lsss.MODULUS).isPositive();
    }
    Scalar wiped = Bls12381.randomScalar(RANDOM);
    Bls12381.wipe(wiped);
    assertThat(wiped.to_bendian()).containsOnly(0);
  }

  @Test
  void destroyedKeysCannotBeUsed() {
    MasterKey master = Fabeo.setup(RANDOM);
    UserKey key = Fabeo.keyGen(master, "u", attrs("a:x"), EPOCH, RANDOM);
    master.destroy();
    key.destroy();
    assertThat(master.isDestroyed()).isTrue();
    assertThatThrownBy(master::toBytes).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(key::toBytes).isInstanceOf(IllegalStateException.class);
    assertThat(key.attributes().stream().map(Attribute::toString).collect(Collectors.toList())).containsExactly("a:x");
  }
}
