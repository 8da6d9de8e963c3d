package health.sihha.hie.ministry.witness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import health.sihha.hie.interceptors.ledger.EntryKind;
import health.sihha.hie.interceptors.ledger.LedgerEntry;
import health.sihha.hie.interceptors.ledger.Sha256;
import health.sihha.hie.interceptors.ledger.log.LedgerLog;
import health.sihha.hie.interceptors.ledger.merkle.ConsistencyProof;
import health.sihha.hie.interceptors.ledger.store.InMemoryLedgerStore;
import health.sihha.hie.interceptors.ledger.treehead.LedgerKeyPair;
import health.sihha.hie.interceptors.ledger.treehead.SignedTreeHead;
import health.sihha.hie.interceptors.ledger.treehead.TreeHeads;
import health.sihha.hie.ministry.FakeFhirExchanges;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * A provider's ledger node as the witness sees it, over HTTP: the real ledger library (an in-memory log, an Ed25519
 * key) behind {@code $ledger-public-key}, {@code $ledger-tree-heads} and {@code $ledger-consistency}, in the shapes
 * the provider server answers. A test double: the witness test can make it rewrite its log or forge its heads, which
 * a real provider would not let a test do over its API.
 */
final class FakeLedgerNode implements AutoCloseable {

  static final String NODE = "provider-ledger";

  private final HttpServer server;
  private final List<LedgerEntry> written = new ArrayList<>();
  private LedgerKeyPair keys = LedgerKeyPair.generate();
  private LedgerLog log = newLog(keys);
  private UnaryOperator<SignedTreeHead> shown = UnaryOperator.identity();

  FakeLedgerNode() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 47392), 0);
    server.createContext("/fhir/", this::handle);
    server.start();
  }

  /** Appends {@code count} entries in one batch under a new signed head. */
  synchronized void append(int count) {
    List<LedgerEntry> batch = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      batch.add(entry(written.size() + batch.size(), "version " + (written.size() + batch.size())));
    }
    written.addAll(batch);
    log.appendBatch(batch);
  }

  /** Rebuilds the log with entry {@code index} changed, re-signed with the node's key, then appends {@code more}. */
  synchronized void rewrite(int index, int more) {
    List<LedgerEntry> rewritten = new ArrayList<>(written);
    rewritten.set(index, entry(index, "changed afterwards"));
    log = newLog(keys);
    log.appendBatch(rewritten);
    written.clear();
    written.addAll(rewritten);
    append(more);
  }

  /** From now on the node signs with a new key, over a new log holding the same entries. */
  synchronized void replaceKey() {
    keys = LedgerKeyPair.generate();
    log = newLog(keys);
    log.appendBatch(List.copyOf(written));
  }

  /** Shows heads changed by {@code change} (e.g. a forged signature) instead of those the log signed. */
  synchronized void show(UnaryOperator<SignedTreeHead> change) {
    shown = change;
  }

  private static LedgerLog newLog(LedgerKeyPair keys) {
    return LedgerLog.open(new InMemoryLedgerStore(), TreeHeads.signer(NODE, keys), Clock.systemUTC());
  }

  private static LedgerEntry entry(int i, String content) {
    return LedgerEntry.of(EntryKind.RESOURCE_VERSION, "Observation", "obs-" + i, "1",
        Sha256.of(content.getBytes(StandardCharsets.UTF_8)), Instant.parse("2026-12-01T08:00:00Z").plusMillis(i));
  }

  private synchronized void handle(HttpExchange exchange) throws IOException {
    String operation = exchange.getRequestURI().getPath().substring("/fhir/".length());
    Map<String, String> query = FakeFhirExchanges.query(exchange.getRequestURI().getRawQuery());
    Parameters out = new Parameters();
    switch (operation) {
      case "$ledger-public-key" -> {
        out.addParameter().setName("nodeId").setValue(new StringType(NODE));
        out.addParameter().setName("spki").setValue(new Base64BinaryType(keys.publicKey().spki()));
      }
      case "$ledger-tree-heads" -> log.latest().map(shown).ifPresent(head -> treeHead(out, "treeHead", head));
      case "$ledger-consistency" -> {
        ConsistencyProof proof = log.consistencyProof(Long.parseLong(query.get("first")),
            Long.parseLong(query.get("second")));
        out.addParameter().setName("firstSize").setValue(new IntegerType(Math.toIntExact(proof.firstSize())));
        out.addParameter().setName("secondSize").setValue(new IntegerType(Math.toIntExact(proof.secondSize())));
        proof.path().forEach(hash -> out.addParameter().setName("path").setValue(new StringType(hash.toHex())));
      }
      default -> {
        FakeFhirExchanges.respond(exchange, 404, new OperationOutcome());
        return;
      }
    }
    FakeFhirExchanges.respond(exchange, 200, out);
  }

  private static void treeHead(Parameters out, String name, SignedTreeHead head) {
    Parameters.ParametersParameterComponent part = out.addParameter().setName(name);
    part.addPart().setName("nodeId").setValue(new StringType(head.nodeId()));
    part.addPart().setName("treeSize").setValue(new IntegerType(Math.toIntExact(head.treeSize())));
    part.addPart().setName("rootHash").setValue(new StringType(head.rootHash().toHex()));
    part.addPart().setName("timestamp").setValue(new InstantType(Date.from(head.timestamp())));
    part.addPart().setName("signature").setValue(new Base64BinaryType(head.signature()));
  }



  @Override
  public void close() {
    server.stop(0);
  }
}
