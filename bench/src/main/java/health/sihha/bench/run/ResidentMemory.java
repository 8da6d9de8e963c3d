package health.sihha.bench.run;

/**
 * A process's resident memory (RAM in use, heap and everything else: metaspace, code cache, thread stacks, direct
 * buffers), now and at its peak, as Linux reports it in {@code /proc/<pid>/status} ({@code VmRSS}, {@code VmHWM}).
 */
public record ResidentMemory(long currentBytes, long peakBytes) {

  public double peakMegabytes() {
    return peakBytes / (1024.0 * 1024.0);
  }
}
