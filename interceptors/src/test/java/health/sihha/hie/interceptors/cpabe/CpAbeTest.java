package health.sihha.hie.interceptors.cpabe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.cpabe.envelope.Envelope;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException.Reason;
import health.sihha.hie.interceptors.cpabe.envelope.Envelopes;
import health.sihha.hie.interceptors.cpabe.envelope.SealContext;
import health.sihha.hie.interceptors.cpabe.envelope.SharedEncapsulation;
import health.sihha.hie.interceptors.cpabe.policy.Policy;
import health.sihha.hie.interceptors.cpabe.scheme.MasterKey;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CpAbeTest {

  private static final CpAbe ABE = new CpAbe(TestRandom.seeded("CpAbeTest"));
  private static final MasterKey MASTER = ABE.setup();
  private static final long EPOCH = 41;
  private static final byte[] PLAINTEXT =
      "{\"resourceType\":\"Observation\",\"status\":\"final\"}".getBytes(StandardCharsets.UTF_8);

  private static SealContext context(String policy) {
    return new SealContext("Observation", "obs-1", "3", policy);
  }

  private static byte[] seal(String policy) {
    return ABE.seal(MASTER, policy, EPOCH, PLAINTEXT, context(policy));
  }

  private static UserKey key(String... attributes) {
    return ABE.keyGen(MASTER, "Practitioner/1", List.of(attributes), EPOCH);
  }

  private static List<String> numbered(String name, int n) {
    return IntStream.range(0, n).mapToObj(i -> name + ":" + i).toList();
  }

  static Stream<Arguments> policies() {
    List<Arguments> cases = new ArrayList<>();
    cases.add(Arguments.of("single attribute", "role:nurse", List.of("role:nurse")));
    for (int n : new int[] {10, 50, 100}) {
      cases.add(Arguments.of("AND of " + n, String.join(" and ", numbered("a", n)), numbered("a", n)));
    }
    cases.add(Arguments.of("OR of 100", String.join(" or ", numbered("a", 100)), List.of("a:73")));
    List<String> longNames = numbered("clinical-role-with-a-long-name", 100);
    cases.add(Arguments.of("AND of 100 long attributes (policy of 3,785 characters)", String.join(" and ", longNames),
        longNames));
    cases.add(Arguments.of("nested", "(role:nurse or role:physician) and (facility:provider-a or"
        + " (facility:ministry and label:r)) and 2 of (unit:icu, unit:er, shift:night)",
        List.of("role:physician", "facility:ministry", "label:r", "unit:er", "shift:night")));
    for (int k = 1; k <= 5; k++) {
      cases.add(Arguments.of(k + " of 5", k + " of (t:1, t:2, t:3, t:4, t:5)",
          numbered("t", 6).subList(6 - k, 6)));
    }
    cases.add(Arguments.of("attribute reused in several rows",
        "(role:nurse and unit:icu) or (role:nurse and unit:er) or 2 of (role:nurse, unit:icu, unit:er)",
        List.of("role:nurse", "unit:er")));
    cases.add(Arguments.of("attribute reused inside one AND",
        "role:nurse and (role:nurse or unit:icu) and 2 of (role:nurse, unit:er, unit:icu)",
        List.of("role:nurse", "unit:icu")));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("policies")
  void aKeyThatSatisfiesThePolicyOpensTheEnvelope(String name, String policy, List<String> attributes) {
    byte[] envelope = seal(policy);
    UserKey key = key(attributes.toArray(String[]::new));
    assertThat(ABE.open(key, envelope, context(policy))).isEqualTo(PLAINTEXT);
    Envelope inspected = CpAbe.inspect(envelope);
    assertThat(inspected.policy()).isEqualTo(Policy.parse(policy).text());
    assertThat(inspected.epoch()).isEqualTo(EPOCH);
    int rows = Policy.parse(policy).leafCount();
    int extraOccurrences = inspected.header().occurrenceCount() - 1;
    int rowBytes = rows <= 16 ? 48 : 96;
    assertThat(inspected.overhead())
        .isEqualTo(317 + inspected.policy().length() + rowBytes * rows + 96 * extraOccurrences);
    assertThat(envelope.length - inspected.overhead()).isEqualTo(PLAINTEXT.length);
  }

  @Test
  void theOverheadStaysWithin300BytesPlus150PerRow() {
    for (String policy : List.of("role:nurse", "role:physician and facility:provider-a and label:n",
        "3 of (role:physician, role:nurse, facility:provider-a, facility:provider-b, label:r)")) {
      int rows = Policy.parse(policy).leafCount();
      assertThat(CpAbe.inspect(seal(policy)).overhead()).as(policy).isLessThanOrEqualTo(300 + 150 * rows);
    }
  }

  @Test
  void policiesOfMoreThan16RowsCarryUncompressedRows() {
    String sixteen = String.join(" and ", numbered("a", 16));
    String seventeen = String.join(" and ", numbered("a", 17));
    assertThat(CpAbe.inspect(seal(sixteen)).header().size()).isEqualTo(96 * 2 + 4 + 48 * 16);
    byte[] envelope = seal(seventeen);
    assertThat(CpAbe.inspect(envelope).header().size()).isEqualTo(96 * 2 + 4 + 96 * 17);
    UserKey key = key(numbered("a", 17).toArray(String[]::new));
    assertThat(ABE.open(key, envelope, context(seventeen))).isEqualTo(PLAINTEXT);
    int rowFormOffset = 7 + 16 + 2 + seventeen.length() + 8 + 96 + 1 + 96;
    assertThat(envelope[rowFormOffset]).isEqualTo((byte) 2);
    byte[] compressedClaim = envelope.clone();
    compressedClaim[rowFormOffset] = 1;
    assertOpenFails(() -> ABE.open(key, compressedClaim, context(seventeen)), Reason.MALFORMED,
        "SIHHA-1430: cannot open the sealed content: row form 1 for 17 rows; expected 2");
    byte[] offCurve = envelope.clone();
    offCurve[rowFormOffset + 3 + 95] ^= 1;
    assertOpenFails(() -> ABE.open(key, offCurve, context(seventeen)), Reason.MALFORMED,
        "SIHHA-1430: cannot open the sealed content: row 1 is not a G1 point");
  }

  @Test
  void attributesThatDoNotSatisfyThePolicyAreRefused() {
    byte[] envelope = seal("role:physician and facility:provider-a");
    assertOpenFails(() -> ABE.open(key("role:physician", "facility:provider-b"), envelope,
        context("role:physician and facility:provider-a")), Reason.NOT_SATISFIED,
        "SIHHA-1433: cannot open the sealed content: the key's attributes do not satisfy the policy");
    byte[] threshold = seal("3 of (t:1, t:2, t:3, t:4, t:5)");
    assertOpenFails(() -> ABE.open(key("t:1", "t:5", "x:1"), threshold, context("3 of (t:1, t:2, t:3, t:4, t:5)")),
        Reason.NOT_SATISFIED, "SIHHA-1433");
  }

  @Test
  void aKeyOfAnExpiredEpochIsRefused() {
    byte[] envelope = ABE.seal(MASTER, "role:nurse", EPOCH + 1, PLAINTEXT, context("role:nurse"));
    assertOpenFails(() -> ABE.open(key("role:nurse"), envelope, context("role:nurse")), Reason.WRONG_EPOCH,
        "SIHHA-1432: cannot open the sealed content: the key is for epoch 41, the envelope for epoch 42");
    UserKey current = ABE.keyGen(MASTER, "Practitioner/1", List.of("role:nurse"), EPOCH + 1);
    assertThat(ABE.open(current, envelope, context("role:nurse"))).isEqualTo(PLAINTEXT);
  }

  @Test
  void everyAlteredHeaderByteIsRefused() {
    String policy = "role:nurse or role:physician";
    byte[] envelope = seal(policy);
    UserKey key = key("role:nurse");
    int headerEnd = envelope.length - (PLAINTEXT.length + 16 + 12 + 48 + 12);
    for (int i = 0; i < headerEnd; i++) {
      byte[] altered = envelope.clone();
      altered[i] ^= 0x01;
      assertThatThrownBy(() -> ABE.open(key, altered, context(policy))).as("byte %d", i)
          .isInstanceOf(EnvelopeOpenException.class);
    }
  }

  @Test
  void anAlteredWrapOrBodyByteFailsAuthentication() {
    String policy = "role:nurse";
    byte[] envelope = seal(policy);
    UserKey key = key("role:nurse");
    int headerEnd = envelope.length - (PLAINTEXT.length + 16 + 12 + 48 + 12);
    for (int i = headerEnd; i < envelope.length; i++) {
      byte[] altered = envelope.clone();
      altered[i] ^= (byte) 0x80;
      assertOpenFails(() -> ABE.open(key, altered, context(policy)), Reason.INTEGRITY, "SIHHA-1434");
    }
    byte[] longer = Arrays.copyOf(envelope, envelope.length + 1);
    assertOpenFails(() -> ABE.open(key, longer, context(policy)), Reason.INTEGRITY, "SIHHA-1434");
  }

  @Test
  void anotherContextFailsAuthentication() {
    String policy = "role:nurse";
    byte[] envelope = seal(policy);
    UserKey key = key("role:nurse");
    for (SealContext other : List.of(new SealContext("Condition", "obs-1", "3", policy),
        new SealContext("Observation", "obs-2", "3", policy), new SealContext("Observation", "obs-1", "4", policy),
        new SealContext("Observation", "obs-1", "", policy))) {
      assertOpenFails(() -> ABE.open(key, envelope, other), Reason.INTEGRITY,
          "SIHHA-1434: cannot open the sealed content: the data key's wrap does not authenticate");
    }
    assertOpenFails(() -> ABE.open(key, envelope, context("role:nurse or role:physician")),
        Reason.CONTEXT_MISMATCH, "SIHHA-1435: cannot open the sealed content: the envelope is sealed under"
            + " 'role:nurse', the context expects 'role:nurse or role:physician'");
    assertThat(ABE.open(key, envelope, context("ROLE:nurse".toLowerCase()))).isEqualTo(PLAINTEXT);
  }

  @Test
  void everyTruncationIsRefused() {
    String policy = "2 of (t:1, t:2, t:3)";
    byte[] envelope = seal(policy);
    UserKey key = key("t:1", "t:3");
    for (int length = 0; length < envelope.length; length++) {
      byte[] truncated = Arrays.copyOf(envelope, length);
      assertThatThrownBy(() -> ABE.open(key, truncated, context(policy))).as("length %d", length)
          .isInstanceOf(EnvelopeOpenException.class);
    }
    assertOpenFails(() -> ABE.open(key, Arrays.copyOf(envelope, 100), context(policy)), Reason.MALFORMED,
        "SIHHA-1430: cannot open the sealed content: truncated: ct1 needs 96 bytes at offset 53, 47 left");
    assertOpenFails(() -> ABE.open(key, "not an envelope".getBytes(StandardCharsets.UTF_8), context(policy)),
        Reason.MALFORMED, "SIHHA-1430: cannot open the sealed content: not a CP-ABE envelope (magic 'not ')");
  }

  @Test
  void aKeyOfAnotherSetupIsRefusedByName() {
    MasterKey other = ABE.setup();
    byte[] envelope = seal("role:nurse");
    UserKey foreign = ABE.keyGen(other, "x", List.of("role:nurse"), EPOCH);
    assertOpenFails(() -> ABE.open(foreign, envelope, context("role:nurse")), Reason.WRONG_SETUP, "SIHHA-1431");
    assertOpenFails(() -> ABE.rewrap(other, envelope, context("role:nurse"), "role:nurse", EPOCH + 1),
        Reason.WRONG_SETUP, "SIHHA-1431");
  }

  @Test
  void rewrapMovesTheKeyToANewEpochAndPolicyAndLeavesTheBodyAlone() {
    String policy = "role:nurse and facility:provider-a";
    byte[] envelope = seal(policy);
    String newPolicy = "role:nurse and facility:provider-a and label:n";
    byte[] moved = ABE.rewrap(MASTER, envelope, context(policy), newPolicy, EPOCH + 1);
    int body = PLAINTEXT.length + 16 + 12;
    assertThat(Arrays.copyOfRange(moved, moved.length - body, moved.length))
        .isEqualTo(Arrays.copyOfRange(envelope, envelope.length - body, envelope.length));
    assertThat(CpAbe.inspect(moved).epoch()).isEqualTo(EPOCH + 1);
    assertThat(CpAbe.inspect(moved).policy()).isEqualTo(newPolicy);

    UserKey old = key("role:nurse", "facility:provider-a", "label:n");
    assertOpenFails(() -> ABE.open(old, moved, context(newPolicy)), Reason.WRONG_EPOCH, "SIHHA-1432");
    UserKey current = ABE.keyGen(MASTER, "Practitioner/1", List.of("role:nurse", "facility:provider-a"), EPOCH + 1);
    assertOpenFails(() -> ABE.open(current, moved, context(newPolicy)), Reason.NOT_SATISFIED, "SIHHA-1433");
    UserKey labelled = ABE.keyGen(MASTER, "Practitioner/1", List.of("role:nurse", "facility:provider-a", "label:n"),
        EPOCH + 1);
    assertThat(ABE.open(labelled, moved, context(newPolicy))).isEqualTo(PLAINTEXT);
    assertOpenFails(() -> ABE.open(labelled, moved, context(policy)), Reason.CONTEXT_MISMATCH, "SIHHA-1435");

    byte[] samePolicy = ABE.rewrap(MASTER, moved, context(newPolicy), newPolicy, EPOCH + 2);
    UserKey later = ABE.keyGen(MASTER, "p", List.of("role:nurse", "facility:provider-a", "label:n"), EPOCH + 2);
    assertThat(ABE.open(later, samePolicy, context(newPolicy))).isEqualTo(PLAINTEXT);
    assertOpenFails(() -> ABE.rewrap(MASTER, envelope, new SealContext("Observation", "obs-9", "3", policy),
        policy, EPOCH + 1), Reason.INTEGRITY, "SIHHA-1434");
  }

  @Test
  void envelopesSharingAnEncapsulationOpenOneByOneAndOnlyInTheirOwnContext() {
    String policy = "role:nurse or role:physician";
    SharedEncapsulation shared = ABE.encapsulate(MASTER, policy, EPOCH);
    SealContext first = new SealContext("Observation", "obs-1", "3", policy);
    SealContext second = new SealContext("Observation", "obs-2", "1", policy);
    byte[] one = ABE.seal(shared, PLAINTEXT, first);
    byte[] other = "{\"resourceType\":\"Observation\",\"status\":\"ended\"}".getBytes(StandardCharsets.UTF_8);
    byte[] two = ABE.seal(shared, other, second);

    assertThat(Envelopes.headerDigest(CpAbe.inspect(one))).isEqualTo(Envelopes.headerDigest(CpAbe.inspect(two)));
    UserKey nurse = key("role:nurse");
    assertThat(ABE.open(nurse, one, first)).isEqualTo(PLAINTEXT);
    assertThat(ABE.open(nurse, two, second)).isEqualTo(other);
    assertOpenFails(() -> ABE.open(nurse, one, second), Reason.INTEGRITY, "SIHHA-1434");
    assertOpenFails(() -> ABE.open(key("role:pharmacist"), two, second), Reason.NOT_SATISFIED, "SIHHA-1433");

    // the header opened once serves the other envelope, whose own wrap still binds its context
    byte[] kek = Envelopes.openKeyEncryptionKey(nurse, CpAbe.inspect(one), first);
    byte[] dataKey = Envelopes.openDataKey(kek, CpAbe.inspect(two), second);
    assertThat(Envelopes.openBody(dataKey, CpAbe.inspect(two), second)).isEqualTo(other);
    assertOpenFails(() -> Envelopes.openDataKey(kek, CpAbe.inspect(two), first), Reason.INTEGRITY, "SIHHA-1434");
    assertOpenFails(() -> Envelopes.openDataKey(kek, CpAbe.inspect(two), context("role:nurse")),
        Reason.CONTEXT_MISMATCH, "SIHHA-1435");

    // one envelope's wrap with the other's body: the body does not authenticate under the first data key
    int body = other.length + 16 + 12;
    byte[] spliced = Arrays.copyOf(Arrays.copyOf(one, one.length - (PLAINTEXT.length + 16 + 12)),
        one.length - (PLAINTEXT.length + 16 + 12) + body);
    System.arraycopy(two, two.length - body, spliced, spliced.length - body, body);
    assertOpenFails(() -> ABE.open(nurse, spliced, first), Reason.INTEGRITY, "SIHHA-1434");
    assertOpenFails(() -> ABE.open(nurse, spliced, second), Reason.INTEGRITY, "SIHHA-1434");

    shared.destroy();
    assertThatThrownBy(() -> ABE.seal(shared, PLAINTEXT, first)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ABE.seal(ABE.encapsulate(MASTER, "role:nurse", EPOCH), PLAINTEXT, first))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("SIHHA-1436");
  }

  @Test
  void rewrapToASharedEncapsulationMovesEachEnvelopeUnderOneNewHeader() {
    String policy = "role:nurse";
    SealContext first = new SealContext("Observation", "obs-1", "3", policy);
    SealContext second = new SealContext("Observation", "obs-2", "3", policy);
    byte[] one = ABE.seal(MASTER, policy, EPOCH, PLAINTEXT, first);
    byte[] two = ABE.seal(MASTER, policy, EPOCH, PLAINTEXT, second);
    assertThat(Envelopes.headerDigest(CpAbe.inspect(one))).as("sealed alone, each has its own header")
        .isNotEqualTo(Envelopes.headerDigest(CpAbe.inspect(two)));

    SharedEncapsulation target = ABE.encapsulate(MASTER, policy, EPOCH + 1);
    byte[] movedOne = ABE.rewrap(MASTER, one, first, target);
    byte[] movedTwo = ABE.rewrap(MASTER, two, second, target);
    assertThat(Envelopes.headerDigest(CpAbe.inspect(movedOne)))
        .isEqualTo(Envelopes.headerDigest(CpAbe.inspect(movedTwo)));
    UserKey current = ABE.keyGen(MASTER, "Practitioner/1", List.of("role:nurse"), EPOCH + 1);
    assertThat(ABE.open(current, movedOne, first)).isEqualTo(PLAINTEXT);
    assertThat(ABE.open(current, movedTwo, second)).isEqualTo(PLAINTEXT);
    assertOpenFails(() -> ABE.open(key("role:nurse"), movedTwo, second), Reason.WRONG_EPOCH, "SIHHA-1432");
  }

  @Test
  void sealingChecksItsArguments() {
    assertThatThrownBy(() -> ABE.seal(MASTER, "role:nurse", EPOCH, PLAINTEXT, context("role:physician")))
        .isInstanceOf(InvalidRequestException.class).hasMessage("SIHHA-1436: the seal context names policy"
            + " 'role:physician' but the content is sealed under 'role:nurse'");
    assertThatThrownBy(() -> ABE.seal(MASTER, "role:nurse and", EPOCH, PLAINTEXT, context("role:nurse")))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("SIHHA-1401: invalid policy at position");
    assertThatThrownBy(() -> ABE.seal(MASTER, "role:nurse", -1, PLAINTEXT, context("role:nurse")))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("SIHHA-1437");
    assertThatThrownBy(() -> ABE.keyGen(MASTER, List.of(), EPOCH)).hasMessageStartingWith("SIHHA-1437");
    assertThatThrownBy(() -> new SealContext("Observation", "x".repeat(1025), "1", "role:nurse"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("SIHHA-1437: seal context field providerId is longer than 1024 bytes");
    assertThatThrownBy(() -> ABE.keyGen(MASTER, List.of("Role:Nurse"), EPOCH)).hasMessageStartingWith("SIHHA-1402");
  }

  @Test
  void emptyAndLargeContentRoundTrip() {
    UserKey key = key("role:nurse");
    byte[] empty = ABE.seal(MASTER, "role:nurse", EPOCH, new byte[0], context("role:nurse"));
    assertThat(ABE.open(key, empty, context("role:nurse"))).isEmpty();
    byte[] large = new byte[1 << 20];
    TestRandom.seeded("large").nextBytes(large);
    byte[] sealed = ABE.seal(MASTER, "role:nurse", EPOCH, large, context("role:nurse"));
    assertThat(ABE.open(key, sealed, context("role:nurse"))).isEqualTo(large);
  }

  @Test
  void keysFromBytesOpenAsTheOriginals() {
    String policy = String.join(" and ", numbered("a", 5));
    byte[] envelope = seal(policy);
    UserKey key = UserKey.fromBytes(key(numbered("a", 5).toArray(String[]::new)).toBytes());
    MasterKey master = MasterKey.fromBytes(MASTER.toBytes());
    assertThat(ABE.open(key, envelope, context(policy))).isEqualTo(PLAINTEXT);
    assertThat(ABE.open(key, ABE.rewrap(master, envelope, context(policy), policy, EPOCH), context(policy)))
        .isEqualTo(PLAINTEXT);
    assertThat(key.attributes().stream().map(Object::toString).collect(Collectors.joining(",")))
        .isEqualTo("a:0,a:1,a:2,a:3,a:4");
  }

  @Test
  void oneInstanceSealsAndOpensFromManyThreads() throws Exception {
    String policy = "role:nurse and (facility:provider-a or facility:provider-b)";
    UserKey key = key("role:nurse", "facility:provider-b");
    byte[] shared = seal(policy);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        results.add(pool.submit(() -> Arrays.equals(ABE.open(key, shared, context(policy)), PLAINTEXT)
            && Arrays.equals(ABE.open(key, seal(policy), context(policy)), PLAINTEXT)));
      }
      for (Future<Boolean> result : results) {
        assertThat(result.get(1, TimeUnit.MINUTES)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertOpenFails(ThrowingCallable open, Reason reason, String messageStart) {
    assertThatThrownBy(open).isInstanceOf(EnvelopeOpenException.class).hasMessageStartingWith(messageStart)
        .satisfies(e -> assertThat(((EnvelopeOpenException) e).reason()).isEqualTo(reason))
        .satisfies(e -> assertThat(((EnvelopeOpenException) e).getStatusCode()).isEqualTo(403));
  }
}
