package health.sihha.hie.terminology.expand;

import static health.sihha.hie.terminology.Fixtures.ICD;
import static health.sihha.hie.terminology.Fixtures.LOINC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.sihha.hie.terminology.Fixtures;
import health.sihha.hie.terminology.registry.TerminologyRegistry;
import health.sihha.hie.terminology.registry.TerminologySnapshot;
import java.nio.file.Path;
import java.util.List;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.hl7.fhir.r4.model.ValueSet.FilterOperator;
import org.hl7.fhir.r4.model.ValueSet.ValueSetExpansionContainsComponent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueSetExpanderTest {

  @TempDir Path dir;
  private TerminologyRegistry registry;
  private final ValueSetExpander expander = new ValueSetExpander(new ExpansionLimits(100, 8));

  @BeforeEach
  void load() {
    registry = TerminologyRegistry.open(FhirContext.forR4Cached(), dir);
    registry.put(Fixtures.icdSlice("2021"));
    registry.put(Fixtures.loincFragment());
  }

  @Test
  void isAFilterSelectsTheConceptAndItsDescendants() {
    assertThat(codes(expand(filtered("concept", FilterOperator.ISA, "E11"), null, 50))).containsExactly("E11", "E11.9", "E11.65");
  }

  @Test
  void descendentOfLeavesOutTheConceptItself() {
    assertThat(codes(expand(filtered("concept", FilterOperator.DESCENDENTOF, "E11"), null, 50))).containsExactly("E11.9", "E11.65");
  }

  @Test
  void propertyEqualsAndRegexFilters() {
    ValueSet billable = filtered("billable", FilterOperator.EQUAL, "true");
    assertThat(codes(expand(billable, null, 50)))
        .containsExactlyInAnyOrder("E11.9", "E11.65", "E10.9", "E08.9", "I10", "I11.9");
    ValueSet regex = filtered("code", FilterOperator.REGEX, "E1[01]\\.9");
    assertThat(codes(expand(regex, null, 50))).containsExactly("E11.9", "E10.9");
  }

  @Test
  void excludeRemovesConceptsAndConceptListsSelectOnlyThem() {
    ValueSet valueSet = filtered("concept", FilterOperator.ISA, "E11");
    valueSet.getCompose().addExclude().setSystem(ICD).addConcept().setCode("E11.65");
    assertThat(codes(expand(valueSet, null, 50))).containsExactly("E11", "E11.9");

    ValueSet listed = valueSet(include(LOINC));
    listed.getCompose().getIncludeFirstRep().addConcept().setCode("718-7");
    assertThat(codes(expand(listed, null, 50))).containsExactly("718-7");
  }

  @Test
  void conceptsOfCodeSystemsNotHeldAreExpandedFromTheList() {
    ValueSet snomed = valueSet(include("http://snomed.info/sct"));
    snomed.getCompose().getIncludeFirstRep().addConcept().setCode("44054006").setDisplay("Diabetes mellitus type 2");
    ValueSet expansion = expand(snomed, "diab", 10);
    assertThat(codes(expansion)).containsExactly("44054006");
  }

  @Test
  void filterRanksExactCodeThenCodePrefixThenFirstWordThenOtherWords() {
    ValueSet all = implicit();
    assertThat(codes(expand(all, "E11.9", 10))).first().isEqualTo("E11.9");
    assertThat(codes(expand(all, "e11", 10))).startsWith("E11", "E11.9", "E11.65");
    assertThat(codes(expand(all, "diab mel", 10)))
        .containsExactly("E08", "E08.9", "E10", "E11", "E11.65", "E10.9", "E11.9");
    assertThat(codes(expand(all, "mellitus diab", 10))).hasSize(7);
    assertThat(codes(expand(all, "hypertension essential", 10))).containsExactly("I10");
  }

  @Test
  void filterIgnoresCaseAndDiacriticsAndSearchesOtherLanguages() {
    ValueSet all = implicit();
    assertThat(codes(expand(all, "DIABETE SUCRE", 10))).containsExactly("E11", "E11.9");
    ValueSet arabic = expand(all, "السكري", 10);
    assertThat(codes(arabic)).containsExactly("E11");
    ValueSet french = expander.expand(snapshot(), all,
        new ExpansionRequest("diab type 2", 10, 0, false, "fr-FR", false, null));
    assertThat(french.getExpansion().getContains()).extracting(ValueSetExpansionContainsComponent::getDisplay)
        .contains("Diabète sucré de type 2", "Diabète sucré de type 2, sans complication");
  }

  @Test
  void pagingWithCountAndOffset() {
    ValueSet page = expander.expand(snapshot(), implicit(), new ExpansionRequest("diab", 2, 2, false, null, false,
        null));
    assertThat(page.getExpansion().getTotal()).isEqualTo(7);
    assertThat(page.getExpansion().getOffset()).isEqualTo(2);
    assertThat(codes(page)).containsExactly("E10", "E11");
  }

  @Test
  void refusesTooLargeExpansionsAndBadPaging() {
    assertThatThrownBy(() -> expand(implicit(), null, null))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("filter").hasMessageContaining("count");
    assertThatThrownBy(() -> expand(implicit(), "diab", 101))
        .isInstanceOf(InvalidRequestException.class).hasMessageContaining("100");
    assertThatThrownBy(() -> expander.expand(snapshot(), implicit(), new ExpansionRequest(null, 5, -1, false, null,
        false, null))).isInstanceOf(InvalidRequestException.class).hasMessageContaining("offset");
    assertThatThrownBy(() -> expand(valueSet(include("http://example.org/unknown")), null, 5))
        .isInstanceOf(UnprocessableEntityException.class).hasMessageContaining("not available");
  }

  @Test
  void aNewVersionDoesNotDisturbReadersOfTheOldOne() {
    TerminologySnapshot before = snapshot();
    CodeSystem next = Fixtures.icdSlice("2022");
    next.getConceptFirstRep().addConcept().setCode("E13").setDisplay("Other specified diabetes mellitus");
    registry.put(next);
    assertThat(codes(expander.expand(before, implicit(), ExpansionRequest.filter("other spec", 10)))).isEmpty();
    assertThat(codes(expand(implicit(), "other spec", 10))).containsExactly("E13");
    ValueSet pinned = valueSet(include(ICD).setVersion("2021"));
    assertThat(codes(expand(pinned, "other spec", 10))).isEmpty();
  }

  private ValueSet expand(ValueSet valueSet, String filter, Integer count) {
    return expander.expand(snapshot(), valueSet, new ExpansionRequest(filter, count, 0, false, null, false, null));
  }

  private TerminologySnapshot snapshot() {
    return registry.snapshot();
  }

  private ValueSet implicit() {
    return ImplicitValueSets.resolve(snapshot(), ICD + "?fhir_vs", null).orElseThrow();
  }

  private static ConceptSetComponent include(String system) {
    return new ConceptSetComponent().setSystem(system);
  }

  private static ValueSet valueSet(ConceptSetComponent include) {
    ValueSet valueSet = new ValueSet().setUrl("http://example.org/vs").setStatus(PublicationStatus.ACTIVE);
    valueSet.getCompose().addInclude(include);
    return valueSet;
  }

  private static ValueSet filtered(String property, FilterOperator op, String value) {
    ConceptSetComponent include = include(ICD);
    include.addFilter().setProperty(property).setOp(op).setValue(value);
    return valueSet(include);
  }

  private static List<String> codes(ValueSet expansion) {
    return expansion.getExpansion().getContains().stream().map(ValueSetExpansionContainsComponent::getCode).toList();
  }
}
