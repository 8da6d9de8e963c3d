package health.sihha.hie.ministry.linking;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * The registry steward's operations on the national store:
 *
 * <ul>
 *   <li>{@code GET Patient/$match-candidates}: the possible matches waiting for review;
 *   <li>{@code POST Patient/$link-decision} with {@code record}, {@code person} (references) and {@code decision}
 *       ({@code accept} or {@code reject});
 *   <li>{@code POST Patient/<provider record>/$unlink}.
 * </ul>
 */
@Component
class LinkingOperations {

  static final String MATCH_CANDIDATES = "$match-candidates";
  static final String LINK_DECISION = "$link-decision";
  static final String UNLINK = "$unlink";

  private final LinkReview review;

  LinkingOperations(LinkReview review) {
    this.review = requireNonNull(review);
  }

  @Operation(name = MATCH_CANDIDATES, typeName = "Patient", idempotent = true)
  public Parameters matchCandidates() {
    Parameters result = new Parameters();
    review.possibleMatches().forEach(pair -> describe(result.addParameter().setName("candidate"), pair));
    return result;
  }

  @Operation(name = LINK_DECISION, typeName = "Patient")
  public Parameters linkDecision(
      @OperationParam(name = "record", max = 1) Reference record,
      @OperationParam(name = "person", max = 1) Reference person,
      @OperationParam(name = "decision", max = 1) CodeType decision) {
    String recordId = patientId("record", record);
    String personId = patientId("person", person);
    if (!PersonRecords.isPerson(personId)) {
      throw new InvalidRequestException(Codes.of(1132) + "person must name a person record (Patient/"
          + PersonRecords.ID_PREFIX + "...), not Patient/" + personId);
    }
    if (decision == null || !decision.hasValue()) {
      throw new InvalidRequestException(Codes.of(1130) + "parameter decision (accept or reject) is required");
    }
    Parameters result = new Parameters();
    describe(result.addParameter().setName("link"),
        review.decide(recordId, personId, LinkReview.Decision.of(decision.getValue())));
    return result;
  }

  @Operation(name = UNLINK, typeName = "Patient")
  public Parameters unlink(@IdParam IdType record) {
    String person = review.unlink(record.getIdPart());
    Parameters result = new Parameters();
    result.addParameter().setName("record").setValue(new Reference("Patient/" + record.getIdPart()));
    result.addParameter().setName("person").setValue(new Reference("Patient/" + person));
    return result;
  }

  private static String patientId(String name, Reference reference) {
    if (reference == null || !reference.hasReference()) {
      throw new InvalidRequestException(Codes.of(1130) + "parameter " + name + " (a reference to a Patient) is required");
    }
    IdType id = new IdType(reference.getReference());
    if (!"Patient".equals(id.getResourceType()) || !id.hasIdPart()) {
      throw new InvalidRequestException(Codes.of(1130) + "parameter " + name + " must be a reference Patient/<id>, not "
          + reference.getReference());
    }
    return id.getIdPart();
  }

  private static void describe(ParametersParameterComponent part, PatientLink pair) {
    part.addPart().setName("record").setValue(new Reference("Patient/" + pair.recordId()));
    part.addPart().setName("person").setValue(new Reference("Patient/" + pair.personId()));
    part.addPart().setName("provider").setValue(new CodeType(pair.providerId()));
    part.addPart().setName("kind").setValue(new CodeType(pair.kind().name().toLowerCase()));
    part.addPart().setName("status").setValue(new CodeType(pair.status().name().toLowerCase().replace('_', '-')));
    if (pair.score() != null) {
      part.addPart().setName("score").setValue(new DecimalType(pair.score()));
    }
    part.addPart().setName("created").setValue(new DateTimeType(Date.from(pair.created())));
    part.addPart().setName("updated").setValue(new DateTimeType(Date.from(pair.updated())));
  }
}
