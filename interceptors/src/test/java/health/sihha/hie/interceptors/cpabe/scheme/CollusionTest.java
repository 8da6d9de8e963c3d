package health.sihha.hie.interceptors.cpabe.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.sihha.hie.interceptors.cpabe.TestRandom;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException.Reason;
import health.sihha.hie.interceptors.cpabe.envelope.Envelopes;
import health.sihha.hie.interceptors.cpabe.envelope.SealContext;
import health.sihha.hie.interceptors.cpabe.policy.Attribute;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import supranational.blst.P1_Affine;

/**
 * Two users whose attributes together satisfy {@code a AND b}, but separately do not, pool their key elements at the
 * group-element level: each attribute element from the user who holds it, with either user's {@code h^r} and
 * {@code sk3}, or one of each. None of the pooled keys opens the envelope; a single user with both attributes does.
 */
class CollusionTest {

  private static final SecureRandom RANDOM = TestRandom.seeded("CollusionTest");
  private static final MasterKey MASTER = Fabeo.setup(RANDOM);
  private static final long EPOCH = 3;
  private static final String POLICY = "role:physician and facility:provider-a";
  private static final SealContext CONTEXT = new SealContext("Condition", "c-1", "1", POLICY);
  private static final Attribute PHYSICIAN = Attribute.parse("role:physician");
  private static final Attribute PROVIDER_A = Attribute.parse("facility:provider-a");

  private static UserKey key(String subject, String... attributes) {
    return Fabeo.keyGen(MASTER, subject, List.of(attributes).stream().map(Attribute::parse).toList(), EPOCH, RANDOM);
  }

  @Test
  void pooledKeyElementsOfTwoUsersDoNotOpenAnAnd() {
    byte[] secret = "diagnosis".getBytes(StandardCharsets.UTF_8);
    byte[] envelope = Envelopes.seal(MASTER, POLICY, EPOCH, secret, CONTEXT, RANDOM);
    UserKey alice = key("alice", "role:physician", "facility:provider-b");
    UserKey bob = key("bob", "role:nurse", "facility:provider-a");
    for (UserKey alone : List.of(alice, bob)) {
      assertThatThrownBy(() -> Envelopes.open(alone, envelope, CONTEXT)).isInstanceOf(EnvelopeOpenException.class)
          .extracting(e -> ((EnvelopeOpenException) e).reason()).isEqualTo(Reason.NOT_SATISFIED);
    }
    Map<Attribute, P1_Affine> pooled = new TreeMap<>();
    pooled.put(PHYSICIAN, alice.sk2(PHYSICIAN));
    pooled.put(PROVIDER_A, bob.sk2(PROVIDER_A));
    List<UserKey> combinations = List.of(
        new UserKey(alice.setupId(), "alice's base", EPOCH, alice.sk1(), pooled, alice.sk3()),
        new UserKey(bob.setupId(), "bob's base", EPOCH, bob.sk1(), pooled, bob.sk3()),
        new UserKey(bob.setupId(), "alice's h^r, bob's sk3", EPOCH, alice.sk1(), pooled, bob.sk3()),
        new UserKey(bob.setupId(), "bob's h^r, alice's sk3", EPOCH, bob.sk1(), pooled, alice.sk3()));
    for (UserKey colluding : combinations) {
      UserKey reloaded = UserKey.fromBytes(colluding.toBytes());
      assertThatThrownBy(() -> Envelopes.open(reloaded, envelope, CONTEXT)).as(colluding.subject())
          .isInstanceOf(EnvelopeOpenException.class)
          .extracting(e -> ((EnvelopeOpenException) e).reason()).isEqualTo(Reason.INTEGRITY);
    }
    UserKey carol = key("carol", "role:physician", "facility:provider-a");
    assertThat(Envelopes.open(carol, envelope, CONTEXT)).isEqualTo(secret);
  }
}
