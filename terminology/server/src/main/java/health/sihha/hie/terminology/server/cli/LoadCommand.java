package health.sihha.hie.terminology.server.cli;

import ca.uhn.fhir.context.FhirContext;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import health.sihha.hie.terminology.load.TerminologyLoaders;
import health.sihha.hie.terminology.load.TerminologyPackage;
import health.sihha.hie.terminology.registry.TerminologyRegistry;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code java -jar terminology-server.jar load --system icd10cm --file icd10cm_order_2022.txt [--version 2022]
 * [--data-dir ./data/terminology]}: loads an official distribution into a server's store while the server is
 * stopped (a running server takes the same files through {@code CodeSystem/$load}). Prints what was loaded.
 */
public final class LoadCommand {

  private static final String USAGE = "usage: load --system <icd10cm|loinc|rxnorm|ucum> --file <file, folder or zip>"
      + " [--version <version>] [--data-dir <server data dir, default ./data/terminology>]";

  private LoadCommand() {}

  /** Runs the command; returns the process exit code (0 loaded, 1 the file was refused, 2 usage error). */
  public static int run(String[] args, PrintStream out) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        out.println(USAGE);
        return 2;
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    if (args.length % 2 != 0 || !options.containsKey("system") || !options.containsKey("file")) {
      out.println(USAGE);
      return 2;
    }
    Path file = Path.of(options.get("file"));
    if (!Files.exists(file)) {
      out.println("no such file: " + file);
      return 2;
    }
    Path store = Path.of(options.getOrDefault("data-dir", "./data/terminology")).resolve("store");
    try {
      TerminologyPackage terminology = TerminologyLoaders.standard().load(options.get("system"), file,
          options.get("version"));
      TerminologyRegistry.open(FhirContext.forR4Cached(), store).putAll(terminology);
      out.printf("loaded %s|%s: %d concepts (content %s), %d value sets, %d concept maps into %s%n",
          terminology.codeSystem().getUrl(), terminology.codeSystem().getVersion(),
          terminology.codeSystem().getCount(), terminology.codeSystem().getContent().toCode(),
          terminology.valueSets().size(), terminology.conceptMaps().size(), store.toAbsolutePath().normalize());
      return 0;
    } catch (TerminologyLoadException e) {
      out.println("refused: " + e.getMessage());
      return 1;
    }
  }
}
