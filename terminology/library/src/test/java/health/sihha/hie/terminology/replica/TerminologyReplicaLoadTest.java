package health.sihha.hie.terminology.replica;

import static health.sihha.hie.terminology.replica.SmallTerminology.FHIR;
import static health.sihha.hie.terminology.replica.SmallTerminology.ICD10CM;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.ResourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica whose folder cannot be read says so and is not ready, and becomes ready once a sync has fetched the
 * source's content again (a server would otherwise never become ready, silently).
 */
class TerminologyReplicaLoadTest {

  @TempDir
  Path folder;

  private HttpServer source;
  private TerminologyReplica replica;

  @BeforeEach
  void sourceServingIcd10cm() throws IOException {
    CodeSystem icd10cm = SmallTerminology.icd10cm();
    icd10cm.getMeta().setVersionId("1").setLastUpdatedElement(new InstantType("2026-12-01T10:00:00Z"));
    source = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    source.createContext("/fhir/CodeSystem", exchange -> {
      if (exchange.getRequestURI().getPath().endsWith("/CodeSystem/icd10cm")) {
        answer(exchange, icd10cm);
      } else {
        Bundle summaries = new Bundle().setType(Bundle.BundleType.SEARCHSET);
        CodeSystem summary = icd10cm.copy();
        summary.setConcept(List.of());
        summaries.addEntry().setResource(summary);
        answer(exchange, summaries);
      }
    });
    source.start();
  }

  @AfterEach
  void stop() {
    if (replica != null) {
      replica.close();
    }
    source.stop(0);
  }

  @Test
  void anUnreadableFolderIsReportedThenRepairedByTheNextSync() throws Exception {
    Path codeSystems = Files.createDirectories(folder.resolve("CodeSystem"));
    Files.writeString(codeSystems.resolve("icd10cm.json.gz"), "not gzip, cut short by a crash");
    replica = TerminologyReplica.open(FHIR, folder,
        URI.create("http://127.0.0.1:" + source.getAddress().getPort() + "/fhir"), Duration.ofMinutes(10),
        List.of(ResourceType.CodeSystem), null);

    replica.load();

    ReplicaStatus unread = replica.status();
    assertThat(unread.loaded()).isFalse();
    assertThat(unread.failures()).isEqualTo(1);
    assertThat(unread.lastError()).startsWith("cannot read " + folder);

    assertThat(replica.sync()).isEqualTo(1);

    ReplicaStatus synced = replica.status();
    assertThat(synced.loaded()).isTrue();
    assertThat(synced.lastError()).isNull();
    assertThat(replica.registry().snapshot().codeSystem(ICD10CM, "2021").orElseThrow().size()).isEqualTo(3);
  }

  @Test
  void aReadableFolderIsLoadedWithoutTheSource() throws Exception {
    SmallTerminology.over(folder);
    replica = TerminologyReplica.open(FHIR, folder, URI.create("http://127.0.0.1:1/fhir"), Duration.ofMinutes(10),
        List.of(ResourceType.CodeSystem), null);

    replica.load();

    assertThat(replica.status().loaded()).isTrue();
    assertThat(replica.status().lastError()).isNull();
    assertThat(replica.registry().snapshot().codeSystem(ICD10CM, "2021").orElseThrow().size()).isEqualTo(3);
  }

  private static void answer(HttpExchange exchange, IBaseResource resource) throws IOException {
    byte[] body = FHIR.newJsonParser().encodeResourceToString(resource).getBytes(UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
