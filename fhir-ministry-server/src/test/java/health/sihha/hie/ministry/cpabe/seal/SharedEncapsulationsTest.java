package health.sihha.hie.ministry.cpabe.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.envelope.SealContext;
import health.sihha.hie.interceptors.cpabe.envelope.SharedEncapsulation;
import health.sihha.hie.interceptors.cpabe.scheme.MasterKey;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SharedEncapsulationsTest {

  private static final CpAbe ABE = new CpAbe();
  private static final MasterKey MASTER = ABE.setup();
  private static final String POLICY = "role:physician or role:break-glass";

  private final MutableClock clock = new MutableClock();

  @Test
  void oneEncapsulationServesUpToItsUsesAndIsDestroyedWhenItsLastLeaseCloses() {
    SharedEncapsulations shared = new SharedEncapsulations(ABE, 3, Duration.ofMinutes(10), clock);

    SharedEncapsulations.Lease first = shared.lease(MASTER, POLICY, 1);
    SharedEncapsulations.Lease second = shared.lease(MASTER, POLICY, 1);
    SharedEncapsulations.Lease third = shared.lease(MASTER, POLICY, 1);
    SharedEncapsulation used = first.encapsulation();
    assertThat(second.encapsulation()).isSameAs(used);
    assertThat(third.encapsulation()).isSameAs(used);
    second.close();
    third.close();

    SharedEncapsulations.Lease fourth = shared.lease(MASTER, POLICY, 1);
    assertThat(fourth.encapsulation()).as("three uses, then a new one").isNotSameAs(used);
    assertThat(used.isDestroyed()).as("still leased by the first seal").isFalse();
    assertThat(ABE.seal(used, bytes("late"), context("o-1"))).as("so it still seals").isNotEmpty();
    first.close();
    assertThat(used.isDestroyed()).as("retired and no longer leased").isTrue();
    assertThatThrownBy(() -> ABE.seal(used, bytes("after"), context("o-2")))
        .isInstanceOf(IllegalStateException.class);
    fourth.close();
    first.close();
    assertThat(fourth.encapsulation().isDestroyed()).as("closing a lease twice counts once").isFalse();
  }

  @Test
  void anEncapsulationServesForItsTimeAndAnIdleOneIsDestroyedAfterIt() {
    SharedEncapsulations shared = new SharedEncapsulations(ABE, 1000, Duration.ofMinutes(10), clock);
    SharedEncapsulation early;
    try (SharedEncapsulations.Lease lease = shared.lease(MASTER, POLICY, 1)) {
      early = lease.encapsulation();
    }
    SharedEncapsulation other;
    try (SharedEncapsulations.Lease lease = shared.lease(MASTER, "role:nurse", 1)) {
      other = lease.encapsulation();
    }

    clock.advance(Duration.ofMinutes(9));
    try (SharedEncapsulations.Lease lease = shared.lease(MASTER, POLICY, 1)) {
      assertThat(lease.encapsulation()).isSameAs(early);
    }
    clock.advance(Duration.ofMinutes(1));
    try (SharedEncapsulations.Lease lease = shared.lease(MASTER, POLICY, 1)) {
      assertThat(lease.encapsulation()).isNotSameAs(early);
    }
    assertThat(early.isDestroyed()).isTrue();
    assertThat(other.isDestroyed()).as("idle past its time under another policy").isTrue();
    assertThat(shared.current()).isEqualTo(1);
  }

  @Test
  void aNewEpochGetsANewHeaderAndTheOldEpochsAreDestroyed() {
    SharedEncapsulations shared = new SharedEncapsulations(ABE, 1000, Duration.ofMinutes(10), clock);
    SharedEncapsulation old;
    try (SharedEncapsulations.Lease lease = shared.lease(MASTER, POLICY, 1)) {
      old = lease.encapsulation();
    }
    try (SharedEncapsulations.Lease lease = shared.lease(MASTER, POLICY, 2)) {
      assertThat(lease.encapsulation().epoch()).isEqualTo(2);
      assertThat(lease.encapsulation().header()).isNotEqualTo(old.header());
    }
    assertThat(old.isDestroyed()).isTrue();
  }

  @Test
  void sealsFromManyThreadsShareEachHeaderAtMostMaxUsesTimesAndEveryEnvelopeOpens() throws Exception {
    SharedEncapsulations shared = new SharedEncapsulations(ABE, 10, Duration.ofMinutes(10), Clock.systemUTC());
    UserKey physician = ABE.keyGen(MASTER, List.of("role:physician"), 1);
    Map<String, AtomicInteger> uses = new ConcurrentHashMap<>();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> seals = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String id = "o-" + i;
        seals.add(threads.submit(() -> {
          byte[] envelope;
          try (SharedEncapsulations.Lease lease = shared.lease(MASTER, POLICY, 1)) {
            uses.computeIfAbsent(HexFormat.of().formatHex(lease.encapsulation().header()),
                header -> new AtomicInteger()).incrementAndGet();
            envelope = ABE.seal(lease.encapsulation(), bytes(id), context(id));
          }
          assertThat(new String(ABE.open(physician, envelope, context(id)), StandardCharsets.UTF_8)).isEqualTo(id);
          return null;
        }));
      }
      for (Future<?> seal : seals) {
        seal.get(2, TimeUnit.MINUTES);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(uses.values()).allSatisfy(count -> assertThat(count.get()).isBetween(1, 10));
    assertThat(uses.values().stream().mapToInt(AtomicInteger::get).sum()).isEqualTo(200);
    assertThat(uses).hasSizeBetween(20, 200);
  }

  @Test
  void everyEnvelopeNeedsAtLeastOneUseForAPositiveTime() {
    assertThatThrownBy(() -> new SharedEncapsulations(ABE, 0, Duration.ofMinutes(1), clock))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SharedEncapsulations(ABE, 1, Duration.ZERO, clock))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static SealContext context(String id) {
    return new SealContext("Observation", id, "1", POLICY);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static final class MutableClock extends Clock {

    private Instant now = Instant.parse("2026-12-07T12:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
