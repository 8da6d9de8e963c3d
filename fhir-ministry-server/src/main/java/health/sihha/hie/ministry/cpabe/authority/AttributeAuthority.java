package health.sihha.hie.ministry.cpabe.authority;

import static java.util.Objects.requireNonNull;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.policy.Attribute;
import health.sihha.hie.interceptors.cpabe.policy.Policy;
import health.sihha.hie.interceptors.cpabe.scheme.MasterKey;
import health.sihha.hie.interceptors.cpabe.scheme.PublicParameters;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import health.sihha.hie.interceptors.security.SmartGrant;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The ministry's attribute authority: it holds the master key (from its {@link MasterKeyStore}, never the database),
 * the current key epoch, and issues user keys for the attributes of validated access tokens, cached per subject,
 * attributes and epoch. A key of an older epoch opens only what was sealed in that epoch; moving the epoch forward
 * ({@link #advanceEpoch}) is how keys are revoked.
 */
public final class AttributeAuthority {

  /** Token claims that become attributes, each as {@code name:value}. */
  static final String ROLE = "role";
  static final String FACILITY = "facility";
  static final String REGION = "region";
  static final String SPECIALTY = "specialty";
  /** The realm role of emergency access, as the consent interceptor knows it. */
  static final String BREAK_GLASS = "break-glass";

  private static final Pattern VALUE = Pattern.compile("[a-z0-9._-]{1,64}");

  private final CpAbe abe;
  private final MasterKey master;
  private final SetupRecord setup;
  private final Clock clock;
  private final long epochRefreshMillis;
  private final Cache<KeyId, UserKey> userKeys;
  private final Cache<KeyId, UserKey> serverKeys;
  private volatile long epoch;
  private volatile Instant epochReadAt;

  AttributeAuthority(CpAbe abe, MasterKeyStore store, SetupRecord setup, CpAbeProperties properties, Clock clock) {
    this.abe = requireNonNull(abe);
    this.setup = requireNonNull(setup);
    this.master = store.loadOrCreate(() -> newSetup(abe, setup));
    this.clock = requireNonNull(clock);
    this.epochRefreshMillis = properties.epochRefresh().toMillis();
    setup.claim(master.publicParameters());
    this.userKeys = Caffeine.newBuilder().maximumSize(properties.keyCacheSize()).build();
    this.serverKeys = Caffeine.newBuilder().maximumSize(1000).build();
    readEpoch();
  }

  /**
   * A new master key, only for a database that has no setup yet: when it has one, the key it was sealed under is
   * missing, and a new key would open none of its content.
   */
  private static MasterKey newSetup(CpAbe abe, SetupRecord setup) {
    setup.setupId().ifPresent(held -> {
      throw new IllegalStateException("the CP-ABE master key file is missing but this national database is sealed"
          + " under setup " + held + ": restore the backed-up master key file (sihha.ministry.cpabe.master-key-file);"
          + " a new master key would open none of the sealed content, so none is generated");
    });
    return abe.setup();
  }

  /** What content is sealed with: the master key (sealing needs it, see {@link CpAbe}). */
  public MasterKey masterKey() {
    return master;
  }

  /** The setup's public parameters, which anyone may have. */
  public PublicParameters publicParameters() {
    return master.publicParameters();
  }

  /** The current key epoch, which new content is sealed for. */
  public long epoch() {
    if (clock.millis() - epochReadAt.toEpochMilli() >= epochRefreshMillis) {
      readEpoch();
    }
    return epoch;
  }

  /** Moves the key epoch forward: keys issued before stop opening content sealed from now on. */
  public synchronized long advanceEpoch() {
    epoch = setup.advanceEpoch();
    epochReadAt = clock.instant();
    return epoch;
  }

  /**
   * The attributes a validated token speaks for: {@code role:} for each realm role, {@code facility:},
   * {@code region:} and {@code specialty:} from their claims. Role {@code break-glass} counts only when the request
   * states a reason ({@code breakGlass}), so that every use of it is an audited emergency access.
   */
  public Set<String> attributesOf(SmartGrant grant, boolean breakGlass) {
    Set<String> attributes = new TreeSet<>();
    grant.roles().stream()
        .filter(role -> breakGlass || !BREAK_GLASS.equals(role))
        .forEach(role -> add(attributes, ROLE, role));
    add(attributes, FACILITY, grant.facility());
    add(attributes, REGION, grant.region());
    add(attributes, SPECIALTY, grant.specialty());
    return attributes;
  }

  /** The user key for {@code grant}'s attributes in the current epoch; empty attributes give none. */
  public Optional<UserKey> keyFor(SmartGrant grant, boolean breakGlass) {
    Set<String> attributes = attributesOf(grant, breakGlass);
    if (attributes.isEmpty()) {
      return Optional.empty();
    }
    long current = epoch();
    return Optional.of(userKeys.get(new KeyId(grant.subject(), attributes, current),
        id -> abe.keyGen(master, id.subject(), id.attributes(), id.epoch())));
  }

  /**
   * A key holding every attribute {@code policy} names, for the server's own reads of what it sealed (linking,
   * reconciliation, withdrawal): the server holds the master key anyway.
   */
  public UserKey serverKey(String policy, long epoch) {
    Set<String> attributes = new TreeSet<>();
    collect(Policy.parse(policy), attributes);
    return serverKeys.get(new KeyId("ministry", attributes, epoch),
        id -> abe.keyGen(master, id.subject(), id.attributes(), id.epoch()));
  }

  private static void collect(Policy policy, Set<String> attributes) {
    if (policy instanceof Policy.Leaf leaf) {
      attributes.add(leaf.attribute().toString());
    } else if (policy instanceof Policy.And and) {
      and.children().forEach(child -> collect(child, attributes));
    } else if (policy instanceof Policy.Or or) {
      or.children().forEach(child -> collect(child, attributes));
    } else if (policy instanceof Policy.Threshold threshold) {
      threshold.children().forEach(child -> collect(child, attributes));
    }
  }

  private static void add(Set<String> attributes, String name, String claim) {
    if (claim == null) {
      return;
    }
    String value = claim.toLowerCase(Locale.ROOT);
    // a claim the attribute syntax cannot carry (e.g. Keycloak's default roles with upper case) grants nothing
    if (VALUE.matcher(value).matches()) {
      attributes.add(new Attribute(name, value).toString());
    }
  }

  private void readEpoch() {
    epoch = setup.epoch();
    epochReadAt = clock.instant();
  }

  private record KeyId(String subject, Set<String> attributes, long epoch) {
    KeyId {
      attributes = Set.copyOf(attributes);
    }
  }
}
