package health.sihha.bench.terminology;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Brings a server to the state that is measured: ICD-10-CM stored, the benchmark ValueSet
 * ({@code compose.include.system} = ICD-10-CM) in place and expandable with its full total. On stock HAPI that
 * means an upload, then HAPI's deferred concept storage and its scheduled ValueSet pre-expansion (which waits for
 * the deferred storage); the upload and the whole are timed.
 */
final class TerminologySetup {

  static final String VALUE_SET_ID = "bench-icd10cm-all";
  /** HAPI's note on an expansion saying how it was made (pre-expanded, in memory, not yet pre-expanded). */
  static final String EXPANSION_MESSAGE = "http://hapifhir.io/fhir/StructureDefinition/valueset-expansion-message";
  private static final Duration POLL_EXPANDED = Duration.ofSeconds(15);

  /**
   * How long each step took, in seconds from the moment the server was ready.
   *
   * @param uploadSeconds the upload request ({@code null} when nothing was uploaded)
   * @param expandableSeconds until {@code $expand} of the ValueSet answers with the full total and, on HAPI, says
   *     it used the pre-expansion
   * @param expansionTotal the total the expansion reported then
   * @param expansionMessage HAPI's expansion message then (empty for a server that sends none)
   */
  record Timings(Double uploadSeconds, double expandableSeconds, int expansionTotal,
      String expansionMessage) {}

  private final FhirContext fhir;
  private final FhirHttp http;
  private final List<Icd10CmCode> table;
  private final long started = System.nanoTime();

  TerminologySetup(FhirContext fhir, FhirHttp http, List<Icd10CmCode> table) {
    this.fhir = fhir;
    this.http = http;
    this.table = table;
  }

  /**
   * @param upload whether to upload ICD-10-CM through HAPI's {@code $upload-external-code-system} when the server
   *     does not have it yet (stock HAPI); the Sihha server loads it itself
   */
  Timings prepare(boolean upload, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Double uploadSeconds = null;
    if (upload && !hasCodeSystem()) {
      System.out.println("  uploading ICD-10-CM (" + table.size() + " codes) with $upload-external-code-system");
      FhirHttp.Answer response = http.send("POST", "CodeSystem/$upload-external-code-system", uploadRequest());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("upload refused: HTTP " + response.statusCode() + " " + response.body());
      }
      uploadSeconds = elapsed();
      System.out.printf(Locale.ROOT, "  upload answered after %.0f s%n", uploadSeconds);
    }
    FhirHttp.Answer put = http.send("PUT", "ValueSet/" + VALUE_SET_ID, fhir.newJsonParser()
        .encodeResourceToString(valueSet()));
    if (put.statusCode() != 200 && put.statusCode() != 201) {
      throw new IllegalStateException("PUT ValueSet refused: HTTP " + put.statusCode() + " " + put.body());
    }
    System.out.println("  ValueSet in place, waiting until it expands in full");
    String relative = "ValueSet/$expand?url=" + Probe.VALUE_SET_URL + "&count=1";
    long nextReport = System.nanoTime();
    while (true) {
      FhirHttp.Answer response = http.get(http.uri(relative));
      if (response.statusCode() == 200) {
        ValueSet expansion = fhir.newJsonParser().parseResource(ValueSet.class, response.body());
        int total = expansion.getExpansion().getTotal();
        String message = expansion.getMeta().getExtensionsByUrl(EXPANSION_MESSAGE).stream()
            .map(Extension::getValue).map(Object::toString).findFirst().orElse("");
        boolean inMemory = message.contains("in-memory");
        if (total >= table.size() && !inMemory) {
          return new Timings(uploadSeconds, elapsed(), total, message);
        }
        if (System.nanoTime() >= nextReport) {
          System.out.printf(Locale.ROOT, "  %.0f s: total %d, %s%n", elapsed(), total, message);
          nextReport = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        }
      } else if (System.nanoTime() >= nextReport) {
        System.out.printf(Locale.ROOT, "  %.0f s: $expand answers HTTP %d%n", elapsed(), response.statusCode());
        nextReport = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      }
      sleepUntil(deadline, POLL_EXPANDED, "ValueSet " + Probe.VALUE_SET_URL + " expandable in full");
    }
  }

  private String uploadRequest() {
    Parameters parameters = new Parameters();
    parameters.addParameter().setName("system").setValue(new UriType(Icd10CmCode.SYSTEM));
    parameters.addParameter().setName("file").setValue(new Attachment().setUrl(Icd10CmTabular.ZIP_NAME)
        .setContentType("application/zip").setData(Icd10CmTabular.zip(table)));
    return fhir.newJsonParser().encodeResourceToString(parameters);
  }

  private static ValueSet valueSet() {
    ValueSet valueSet = new ValueSet();
    valueSet.setId(VALUE_SET_ID);
    valueSet.setUrl(Probe.VALUE_SET_URL);
    valueSet.setName("BenchIcd10CmAll");
    valueSet.setStatus(PublicationStatus.ACTIVE);
    valueSet.getCompose().addInclude().setSystem(Icd10CmCode.SYSTEM);
    return valueSet;
  }

  /**
   * Asks with a plain search, never {@code $lookup}: HAPI's validation support chain caches "unknown code system"
   * (for minutes), so a lookup before the upload would make the freshly uploaded system look absent.
   */
  private boolean hasCodeSystem() {
    FhirHttp.Answer response = http.get(http.uri("CodeSystem?_summary=count&url=" + Icd10CmCode.SYSTEM));
    return response.statusCode() == 200 && !response.body().matches("(?s).*\"total\"\\s*:\\s*0\\b.*");
  }

  private double elapsed() {
    return (System.nanoTime() - started) / 1e9;
  }

  private static void sleepUntil(long deadline, Duration pause, String waitingFor) {
    if (System.nanoTime() + pause.toNanos() > deadline) {
      throw new IllegalStateException("gave up waiting for " + waitingFor);
    }
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + waitingFor, e);
    }
  }
}
