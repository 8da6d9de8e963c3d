package health.sihha.hie.terminology.server.seed;

import health.sihha.hie.terminology.load.TerminologyLoaders;
import health.sihha.hie.terminology.load.TerminologyPackage;
import health.sihha.hie.terminology.registry.TerminologyRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills an empty store on first start from the terminology tables folder (one sub-folder per code system, as in
 * {@code shared/data/terminology}), so that a new server answers {@code $expand} on ICD-10-CM, LOINC, RxNorm and
 * UCUM without a manual load. A store that already holds code systems is left alone.
 */
public final class TerminologySeeder {

  /** Which loader reads which sub-folder of the seed folder. */
  static final List<SeedSet> SETS = List.of(
      new SeedSet("icd10cm", "icd10cm"),
      new SeedSet("loinc", "loinc"),
      new SeedSet("rxnorm", "medications"),
      new SeedSet("ucum", "ucum"));

  private static final Logger log = LoggerFactory.getLogger(TerminologySeeder.class);

  private final TerminologyRegistry registry;
  private final TerminologyLoaders loaders;

  public TerminologySeeder(TerminologyRegistry registry, TerminologyLoaders loaders) {
    this.registry = registry;
    this.loaders = loaders;
  }

  /** Loads every set found under {@code seedDir} when the store is empty; returns how many were loaded. */
  public int seedIfEmpty(Path seedDir) {
    if (!registry.snapshot().summaries(ResourceType.CodeSystem).isEmpty()) {
      return 0;
    }
    if (!Files.isDirectory(seedDir)) {
      log.warn("The terminology store is empty and there is no seed folder at {}; load code systems with"
          + " CodeSystem/$load or the load command", seedDir.toAbsolutePath().normalize());
      return 0;
    }
    int loaded = 0;
    for (SeedSet set : SETS) {
      Path folder = seedDir.resolve(set.folder());
      if (Files.isDirectory(folder)) {
        TerminologyPackage terminology = loaders.load(set.loader(), folder, null);
        registry.putAll(terminology);
        loaded++;
      }
    }
    return loaded;
  }

  /** One code system to seed: the loader's name and the sub-folder it reads. */
  record SeedSet(String loader, String folder) {}
}
