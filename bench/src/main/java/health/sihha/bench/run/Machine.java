package health.sihha.bench.run;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/** The machine, as the benchmark's JVM sees it: recorded with every result so runs can be compared. */
public record Machine(int cores, long memoryMiB, String os, String java) {

  public static Machine current() {
    var os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new Machine(Runtime.getRuntime().availableProcessors(), os.getTotalMemorySize() / (1024 * 1024),
        os.getName() + " " + os.getVersion() + " " + os.getArch(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
  }

  /** The 1-minute load average, to show how busy the machine was around a measurement. */
  public static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
