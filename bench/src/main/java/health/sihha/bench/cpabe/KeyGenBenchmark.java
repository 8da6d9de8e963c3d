package health.sihha.bench.cpabe;

import health.sihha.hie.interceptors.cpabe.CpAbe;
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

/** Issuing a user key with {@code attributes} attributes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class KeyGenBenchmark {

  @Param({"1", "10", "50", "100"})
  public int attributes;

  private CpAbe abe;
  private MasterKey master;
  private List<String> names;

  @Setup(Level.Trial)
  public void setUp() {
    abe = new CpAbe();
    master = abe.setup();
    names = Policies.attributes(attributes);
  }

  @Benchmark
  public UserKey keyGen() {
    return abe.keyGen(master, "bench", names, EnvelopeBenchmark.EPOCH);
  }
}
