package health.sihha.hie.terminology.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.FilterOperator;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;
import org.junit.jupiter.api.Test;

/** Golden ranking and typing-style requests on the real ICD-10-CM, over HTTP as an autocomplete widget sends them. */
class AutocompleteTest extends TerminologyServerTest {

  private static final String ALL_ICD = ICD + "?fhir_vs";

  @Test
  void anExactCodeComesFirst() {
    assertThat(codes(expand(ALL_ICD, "E11.9", 10, null))).first().isEqualTo("E11.9");
    assertThat(codes(expand(ALL_ICD, "e119", 10, null))).first().isEqualTo("E11.9");
  }

  @Test
  void aCodePrefixListsTheCodeThenItsChildrenShortestFirst() {
    List<String> codes = codes(expand(ALL_ICD, "E11", 10, null));
    assertThat(codes.get(0)).isEqualTo("E11");
    assertThat(codes.subList(1, 10)).allMatch(c -> c.startsWith("E11.") && c.length() == 5);
  }

  @Test
  void everyHitMatchesEveryTypedWordPrefixInAnyOrder() {
    ValueSet expansion = expand(ALL_ICD, "diab mel", 100, null);
    assertThat(expansion.getExpansion().getTotal()).isGreaterThan(100);
    assertThat(expansion.getExpansion().getContains()).hasSize(100).allSatisfy(c -> {
      List<String> words = words(c.getDisplay());
      assertThat(words).anyMatch(w -> w.startsWith("diab")).anyMatch(w -> w.startsWith("mel"));
    });
    assertThat(codes(expand(ALL_ICD, "mel diab", 100, null))).isEqualTo(codes(expansion));
    assertThat(expansion.getExpansion().getContains().get(0).getDisplay()).startsWith("Diabetes mellitus");
  }

  @Test
  void findsEssentialHypertensionWithWordsInAnotherOrder() {
    assertThat(codes(expand(ALL_ICD, "hypertension essential", 10, null))).first().isEqualTo("I10");
  }

  @Test
  void typingStyleRequestsAllAnswer() {
    for (String typed : List.of("d", "di", "dia", "diab", "diab m", "diab me", "diab mel")) {
      ValueSet expansion = expand(ALL_ICD, typed, 10, null);
      assertThat(expansion.getExpansion().getContains()).as(typed).hasSize(10);
      assertThat(expansion.getExpansion().getTotal()).as(typed).isGreaterThanOrEqualTo(10);
    }
    assertThat(expand(ALL_ICD, "d", 10, null).getExpansion().getTotal())
        .isGreaterThan(expand(ALL_ICD, "diab", 10, null).getExpansion().getTotal());
  }

  @Test
  void ignoresCaseAndDiacritics() {
    assertThat(codes(expand(ALL_ICD, "MÉNIÈRE", 10, null))).contains("H81.0");
  }

  @Test
  void aStoredValueSetRestrictsTheMatches() {
    ValueSet endocrine = new ValueSet().setUrl("http://sihha.health/fhir/ValueSet/test-endocrine")
        .setStatus(PublicationStatus.ACTIVE).setName("Endocrine");
    endocrine.getCompose().addInclude().setSystem(ICD).addFilter().setProperty("concept").setOp(FilterOperator.ISA)
        .setValue("E00-E89");
    client.create().resource(endocrine).execute();
    ValueSet expansion = expand(endocrine.getUrl(), "diab", 50, null);
    assertThat(codes(expansion)).isNotEmpty().allMatch(c -> c.startsWith("E"));
    assertThat(expansion.getExpansion().getTotal()).isLessThan(expand(ALL_ICD, "diab", 10, null).getExpansion()
        .getTotal());
  }

  @Test
  void frenchAndArabicDesignationsAreSearchedAndShown() {
    CodeSystem translations = new CodeSystem().setUrl("http://sihha.health/fhir/CodeSystem/icd-10-cm-fr-ar")
        .setVersion("1").setStatus(PublicationStatus.ACTIVE).setContent(CodeSystemContentMode.SUPPLEMENT)
        .setSupplements(ICD);
    CodeSystem.ConceptDefinitionComponent i10 = translations.addConcept().setCode("I10");
    i10.addDesignation().setLanguage("fr").setValue("Hypertension essentielle (primitive)");
    i10.addDesignation().setLanguage("ar").setValue("ارتفاع ضغط الدم الأساسي");
    translations.addConcept().setCode("E11").addDesignation().setLanguage("fr").setValue("Diabète sucré de type 2");
    client.create().resource(translations).execute();

    ValueSet french = expand(ALL_ICD, "diabete sucre", 10, "fr");
    assertThat(french.getExpansion().getContains()).extracting(ValueSetExpansionContainsComponent::getDisplay)
        .contains("Diabète sucré de type 2");
    ValueSet arabic = expand(ALL_ICD, "ضغط", 10, "ar");
    assertThat(arabic.getExpansion().getContains()).first().satisfies(c -> {
      assertThat(c.getCode()).isEqualTo("I10");
      assertThat(c.getDisplay()).isEqualTo("ارتفاع ضغط الدم الأساسي");
    });
    assertThat(expand(ALL_ICD, "hypertension essentielle", 10, "fr").getExpansion().getContainsFirstRep()
        .getDisplay()).isEqualTo("Hypertension essentielle (primitive)");
  }

  private ValueSet expand(String url, String filter, int count, String displayLanguage) {
    String query = "ValueSet/$expand?url=" + encode(url) + "&filter=" + encode(filter) + "&count=" + count
        + (displayLanguage == null ? "" : "&displayLanguage=" + displayLanguage);
    HttpResponse<String> response = get(query);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return FHIR.newJsonParser().parseResource(ValueSet.class, response.body());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static List<String> codes(ValueSet expansion) {
    return expansion.getExpansion().getContains().stream().map(ValueSetExpansionContainsComponent::getCode).toList();
  }

  private static List<String> words(String display) {
    String folded = Normalizer.normalize(display, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    for (String word : folded.split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        words.add(word);
      }
    }
    return words;
  }
}
