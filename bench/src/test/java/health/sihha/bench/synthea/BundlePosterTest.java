package health.sihha.bench.synthea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.test.utilities.server.RestfulServerExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Organization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The poster and the loader against an in-memory HAPI server whose transaction endpoint accepts or refuses. */
class BundlePosterTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final String REFUSE = "refuse me";

  private static final TransactionEndpoint endpoint = new TransactionEndpoint();

  @RegisterExtension
  static final RestfulServerExtension server = new RestfulServerExtension(FHIR, endpoint).keepAliveBetweenTests();

  private BundlePoster poster;

  @BeforeEach
  void connect() {
    endpoint.received.clear();
    poster = new BundlePoster(FHIR, server.getBaseUrl());
  }

  @Test
  void postsTheBundleAsPrepared() {
    poster.post(prepared("one", BundleType.TRANSACTION, "Good Hospital"));

    assertThat(endpoint.received).singleElement().satisfies(bundle ->
        assertThat(bundle.getEntryFirstRep().getRequest().getIfNoneExist()).isEqualTo("identifier=urn:test|Good Hospital"));
  }

  @Test
  void aRefusedTransactionCarriesTheServersOperationOutcome() {
    assertThatThrownBy(() -> poster.post(prepared("bad.json", BundleType.TRANSACTION, REFUSE)))
        .isInstanceOf(BundleRejectedException.class)
        .hasMessageContaining("bad.json rejected: HTTP 422")
        .hasMessageContaining("error processing: TEST-1: refused " + REFUSE);
  }

  @Test
  void aBatchWithAFailedEntryIsRefused() {
    poster.post(prepared("fine batch", BundleType.BATCH, "Good Hospital"));

    assertThatThrownBy(() -> poster.post(prepared("batch.json", BundleType.BATCH, REFUSE)))
        .isInstanceOf(BundleRejectedException.class)
        .hasMessageContaining("batch.json rejected: batch entry 422 Unprocessable Entity")
        .hasMessageContaining("TEST-1: refused " + REFUSE);
  }

  @Test
  void loaderPostsEveryBundleFromSeveralClients() {
    List<PreparedBundle> bundles = IntStream.range(0, 12)
        .mapToObj(i -> prepared("bundle " + i, BundleType.TRANSACTION, "Hospital " + i))
        .toList();
    List<Integer> done = new CopyOnWriteArrayList<>();

    LoadSummary summary = new SyntheaLoader(poster).post(bundles, 4, (count, total, bundle, took) -> done.add(count));

    assertThat(summary.bundles()).isEqualTo(12);
    assertThat(summary.resources()).isEqualTo(12);
    assertThat(endpoint.received).hasSize(12);
    assertThat(done).containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 12).boxed().toList());
  }

  @Test
  void loaderStopsAtTheFirstRefusal() {
    List<PreparedBundle> bundles = List.of(
        prepared("first", BundleType.TRANSACTION, "Good Hospital"),
        prepared("second", BundleType.TRANSACTION, REFUSE),
        prepared("third", BundleType.TRANSACTION, "Never Sent"));

    assertThatThrownBy(() -> new SyntheaLoader(poster).post(bundles, 1, ProgressListener.SILENT))
        .isInstanceOf(BundleRejectedException.class)
        .hasMessageStartingWith("second rejected");
    assertThat(endpoint.received).hasSize(2);
  }

  @Test
  void anUnreachableServerIsNotARefusal() {
    BundlePoster nowhere = new BundlePoster(FHIR, "http://127.0.0.1:1/fhir");

    assertThatThrownBy(() -> nowhere.post(prepared("lost", BundleType.TRANSACTION, "Good Hospital")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("lost not sent");
  }

  /** One Organization, made conditional by the rewriter as a Synthea bundle's would be. */
  private static PreparedBundle prepared(String name, BundleType type, String organization) {
    Bundle bundle = new Bundle().setType(type);
    Organization resource = new Organization().setName(organization);
    resource.addIdentifier().setSystem("urn:test").setValue(organization);
    bundle.addEntry().setResource(resource).getRequest().setMethod(HTTPVerb.POST).setUrl("Organization");
    SharedResourceRewriter.makeSharedResourcesConditional(bundle);
    return new PreparedBundle(name, type == BundleType.BATCH, FHIR.newJsonParser().encodeResourceToString(bundle),
        bundle.getEntry().size());
  }

  /** Refuses every bundle that holds an Organization named {@link #REFUSE}: a transaction whole, a batch entry. */
  public static final class TransactionEndpoint {

    final List<Bundle> received = new CopyOnWriteArrayList<>();

    @Transaction
    public Bundle transaction(@TransactionParam Bundle bundle) {
      received.add(bundle);
      boolean refused = bundle.getEntry().stream()
          .anyMatch(entry -> REFUSE.equals(((Organization) entry.getResource()).getName()));
      boolean batch = bundle.getType() == BundleType.BATCH;
      if (refused && !batch) {
        throw new UnprocessableEntityException(FHIR, outcome());
      }
      Bundle response = new Bundle().setType(batch ? BundleType.BATCHRESPONSE : BundleType.TRANSACTIONRESPONSE);
      if (refused) {
        response.addEntry().getResponse().setStatus("422 Unprocessable Entity").setOutcome(outcome());
      } else {
        response.addEntry().getResponse().setStatus("201 Created");
      }
      return response;
    }

    private static OperationOutcome outcome() {
      OperationOutcome outcome = new OperationOutcome();
      outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.PROCESSING)
          .setDiagnostics("TEST-1: refused " + REFUSE);
      return outcome;
    }
  }
}
