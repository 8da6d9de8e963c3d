package health.sihha.hie.terminology.load.rxnorm;

import health.sihha.hie.terminology.load.CodeSystems;
import health.sihha.hie.terminology.load.LoadEntry;
import health.sihha.hie.terminology.load.TerminologyLoadException;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;

/**
 * Reads the official RRF release: {@code RXNCONSO.RRF} (SAB=RXNORM, SUPPRESS=N) into one concept per RXCUI, whose
 * display is the name of the most specific term type (IN before PIN, MIN, SCD, SBD, ...) and whose other names are
 * synonyms; and the NDC attributes of {@code RXNSAT.RRF}.
 */
final class RxNormRrf {

  private static final Pattern PIPE = Pattern.compile("\\|");
  private static final List<String> TTY_PREFERENCE = List.of("IN", "PIN", "MIN", "SCD", "SBD", "GPCK", "BPCK",
      "SCDC", "SBDC", "SCDF", "SBDF", "SCDG", "SBDG", "DF", "DFG", "BN", "PSN", "SY", "TMSY", "ET");

  private record Name(String tty, String value) {}

  private RxNormRrf() {}

  static Map<String, ConceptDefinitionComponent> readConso(LoadEntry entry) {
    Map<String, List<Name>> names = new LinkedHashMap<>(500_000);
    read(entry, 18, (fields, line) -> {
      if (fields[11].equals("RXNORM") && fields[16].equals("N")) {
        if (fields[0].isEmpty() || fields[12].isEmpty() || fields[14].isEmpty()) {
          throw new TerminologyLoadException(entry.path() + " line " + line + ": empty RXCUI, TTY or STR");
        }
        names.computeIfAbsent(fields[0], rxcui -> new ArrayList<>(2)).add(new Name(fields[12], fields[14]));
      }
    });
    Map<String, ConceptDefinitionComponent> concepts = new LinkedHashMap<>(names.size() * 4 / 3 + 1);
    Comparator<Name> preferred = Comparator.comparingInt(RxNormRrf::rank);
    names.forEach((rxcui, list) -> {
      list.sort(preferred);
      Name display = list.get(0);
      ConceptDefinitionComponent concept = CodeSystems.concept(rxcui, display.value());
      CodeSystems.addCode(concept, RxNormProperties.TTY, display.tty());
      for (Name other : list.subList(1, list.size())) {
        CodeSystems.addSynonym(concept, other.value());
      }
      concepts.put(rxcui, concept);
    });
    if (concepts.isEmpty()) {
      throw new TerminologyLoadException(entry.path() + " has no unsuppressed SAB=RXNORM concept");
    }
    return concepts;
  }

  static void readNdc(LoadEntry entry, NdcMap map) {
    read(entry, 12, (fields, line) -> {
      if (fields[8].equals("NDC") && fields[9].equals("RXNORM") && !fields[11].equals("Y")) {
        map.add(fields[10], fields[0]);
      }
    });
  }

  private static int rank(Name name) {
    int index = TTY_PREFERENCE.indexOf(name.tty());
    return index < 0 ? TTY_PREFERENCE.size() : index;
  }

  private static void read(LoadEntry entry, int minFields, BiConsumer<String[], Long> sink) {
    try (BufferedReader reader = entry.reader()) {
      long number = 0;
      String line;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isEmpty()) {
          continue;
        }
        String[] fields = PIPE.split(line, -1);
        if (fields.length < minFields) {
          throw new TerminologyLoadException(entry.path() + " line " + number + ": " + fields.length
              + " pipe-separated fields where the RRF layout has at least " + minFields);
        }
        sink.accept(fields, number);
      }
      if (number == 0) {
        throw new TerminologyLoadException(entry.path() + " is empty");
      }
    } catch (IOException e) {
      throw new TerminologyLoadException("cannot read " + entry.path() + ": " + e.getMessage(), e);
    }
  }
}
