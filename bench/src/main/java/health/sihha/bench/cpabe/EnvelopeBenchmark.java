package health.sihha.bench.cpabe;

import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.envelope.SealContext;
import health.sihha.hie.interceptors.cpabe.scheme.MasterKey;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Sealing (encrypt: FABEO encapsulation, HKDF, two AES-256-GCM operations) and opening (decrypt) a 1 KiB resource
 * under an AND or an OR of {@code attributes} attributes. For OR the key holds only the last attribute, so the
 * decryption uses the last row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EnvelopeBenchmark {

  static final long EPOCH = 1;
  static final int PLAINTEXT_BYTES = 1024;

  @Param({"1", "5", "10", "50", "100"})
  public int attributes;

  @Param({"and", "or"})
  public String gate;

  private CpAbe abe;
  private MasterKey master;
  private UserKey key;
  private String policy;
  private SealContext context;
  private byte[] plaintext;
  private byte[] envelope;

  @Setup(Level.Trial)
  public void setUp() {
    abe = new CpAbe();
    master = abe.setup();
    List<String> names = Policies.attributes(attributes);
    policy = Policies.policy(gate, attributes);
    key = abe.keyGen(master, "bench", gate.equals("and") ? names : List.of(names.get(attributes - 1)), EPOCH);
    context = new SealContext("Observation", "bench-1", "1", policy);
    plaintext = Policies.plaintext(PLAINTEXT_BYTES);
    envelope = abe.seal(master, policy, EPOCH, plaintext, context);
  }

  @Benchmark
  public byte[] seal() {
    return abe.seal(master, policy, EPOCH, plaintext, context);
  }

  @Benchmark
  public byte[] open() {
    return abe.open(key, envelope, context);
  }
}
