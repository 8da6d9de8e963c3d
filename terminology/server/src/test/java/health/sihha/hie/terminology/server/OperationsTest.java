package health.sihha.hie.terminology.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;

/** $lookup, $validate-code, $subsumes and $translate on the seeded code systems. */
class OperationsTest extends TerminologyServerTest {

  @Test
  void lookupGivesDisplayParentAndProperties() {
    Parameters result = ok("CodeSystem/$lookup?system=" + ICD + "&code=E11.9");
    assertThat(result.getParameterValue("display").primitiveValue())
        .isEqualTo("Type 2 diabetes mellitus without complications");
    assertThat(property(result, "parent")).isEqualTo("E11");
    assertThat(property(result, "billable")).isEqualTo("true");

    Parameters loinc = ok("CodeSystem/$lookup?system=" + LOINC + "&code=2160-0&property=designation");
    assertThat(loinc.getParameterValue("display").primitiveValue())
        .isEqualTo("Creatinine [Mass/volume] in Serum or Plasma");
    assertThat(loinc.getParameters("designation")).isNotEmpty();
    assertThat(loinc.getParameters("property")).isEmpty();
  }

  @Test
  void lookupOfAUcumExpressionThatIsNotListed() {
    Parameters result = ok("CodeSystem/$lookup?system=" + UCUM + "&code=" + encode("mL/min/{1.73_m2}"));
    assertThat(result.getParameterValue("display").primitiveValue()).contains("milliliter");
  }

  @Test
  void validateCodeAgainstCodeSystems() {
    assertThat(result(ok("CodeSystem/$validate-code?url=" + ICD + "&code=I10"))).isTrue();
    Parameters unknown = ok("CodeSystem/$validate-code?url=" + ICD + "&code=I10.9");
    assertThat(result(unknown)).isFalse();
    assertThat(unknown.getParameterValue("message").primitiveValue()).contains("I10.9");
    Parameters fragment = ok("CodeSystem/$validate-code?url=" + LOINC + "&code=8480-6");
    assertThat(result(fragment)).isFalse();
    assertThat(fragment.getParameterValue("message").primitiveValue()).contains("only held in part");
    assertThat(result(ok("CodeSystem/$validate-code?url=" + UCUM + "&code=" + encode("mm[Hg]")))).isTrue();
    assertThat(result(ok("CodeSystem/$validate-code?url=" + UCUM + "&code=" + encode("mg//dL")))).isFalse();
    assertThat(result(ok("CodeSystem/$validate-code?url=" + RXNORM + "&code=2679323"))).isTrue();
  }

  @Test
  void validateCodeAgainstAValueSet() {
    String diabetes = encode(ICD + "?fhir_vs=isa/E11");
    assertThat(result(ok("ValueSet/$validate-code?url=" + diabetes + "&system=" + ICD + "&code=E11.65"))).isTrue();
    assertThat(result(ok("ValueSet/$validate-code?url=" + diabetes + "&system=" + ICD + "&code=I10"))).isFalse();
    Parameters withCoding = new Parameters();
    withCoding.addParameter().setName("url").setValue(new UriType(ICD + "?fhir_vs=isa/E11"));
    withCoding.addParameter().setName("coding").setValue(new Coding(ICD, "E11.9", null));
    Parameters answer = client.operation().onType("ValueSet").named("$validate-code").withParameters(withCoding)
        .execute();
    assertThat(result(answer)).isTrue();
  }

  @Test
  void aCodeableConceptIsValidWhenOneOfItsCodingsIs() {
    CodeableConcept concept = new CodeableConcept();
    concept.addCoding(new Coding(ICD, "E11.99", null)).addCoding(new Coding(ICD, "E11.9", null));
    assertThat(result(validate("CodeSystem", concept))).isTrue();
    assertThat(result(validate("ValueSet", concept))).isTrue();
    concept.getCoding().remove(1);
    Parameters invalid = validate("CodeSystem", concept);
    assertThat(result(invalid)).isFalse();
    assertThat(invalid.getParameterValue("message").primitiveValue()).contains("E11.99");
  }

  private Parameters validate(String type, CodeableConcept concept) {
    Parameters in = new Parameters();
    if (type.equals("ValueSet")) {
      in.addParameter().setName("url").setValue(new UriType(ICD + "?fhir_vs"));
    }
    in.addParameter().setName("codeableConcept").setValue(concept);
    return client.operation().onType(type).named("$validate-code").withParameters(in).execute();
  }

  @Test
  void subsumesFollowsTheHierarchy() {
    assertThat(outcome("E11", "E11.9")).isEqualTo("subsumes");
    assertThat(outcome("E11.9", "E11")).isEqualTo("subsumed-by");
    assertThat(outcome("E00-E89", "E11.9")).isEqualTo("subsumes");
    assertThat(outcome("E11", "I10")).isEqualTo("not-subsumed");
    assertThat(outcome("I10", "I10")).isEqualTo("equivalent");
  }

  @Test
  void translateMapsNdcToRxNormAndBack() {
    Parameters forward = ok("ConceptMap/$translate?system=http://hl7.org/fhir/sid/ndc&code=00002015201");
    assertThat(result(forward)).isTrue();
    Coding concept = (Coding) forward.getParameters("match").get(0).getPart().stream()
        .filter(p -> p.getName().equals("concept")).findFirst().orElseThrow().getValue();
    assertThat(concept.getSystem()).isEqualTo(RXNORM);
    assertThat(concept.getCode()).isEqualTo("2679323");

    Parameters reverse = ok("ConceptMap/$translate?system=" + RXNORM + "&code=2679323&reverse=true");
    List<String> ndcs = reverse.getParameters("match").stream()
        .map(m -> ((Coding) m.getPart().stream().filter(p -> p.getName().equals("concept")).findFirst().orElseThrow()
            .getValue()).getCode())
        .toList();
    assertThat(ndcs).contains("00002015201", "00002015204");
    assertThat(result(ok("ConceptMap/$translate?system=http://hl7.org/fhir/sid/ndc&code=99999999999"))).isFalse();
  }

  private String outcome(String a, String b) {
    return ok("CodeSystem/$subsumes?system=" + ICD + "&codeA=" + a + "&codeB=" + b).getParameterValue("outcome")
        .primitiveValue();
  }

  private Parameters ok(String query) {
    HttpResponse<String> response = get(query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return FHIR.newJsonParser().parseResource(Parameters.class, response.body());
  }

  private static boolean result(Parameters parameters) {
    return ((BooleanType) parameters.getParameterValue("result")).booleanValue();
  }

  private static String property(Parameters result, String code) {
    for (ParametersParameterComponent property : result.getParameters("property")) {
      if (property.getPart().get(0).getValue().primitiveValue().equals(code)) {
        return property.getPart().get(1).getValue().primitiveValue();
      }
    }
    return null;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
