package health.sihha.hie.ministry.cpabe.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The rules, the labeller and the projection, without a server. */
class SealingRulesTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final String SNOMED = "http://snomed.info/sct";
  private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";

  private final SealingRules rules = new SealingRules(SealingRules.DEFAULTS);
  private final SecurityLabeller labeller = new SecurityLabeller(FHIR);

  @Test
  void codesGiveSensitivityAndConfidentialityLabelsAndKeepThoseAlreadyThere() {
    Condition hiv = condition(new Coding(ICD10, "B20.1", null));
    hiv.getMeta().addSecurity("urn:other", "X", null);
    labeller.label(hiv);
    assertThat(hiv.getMeta().getSecurity()).extracting(Coding::getCode).containsExactlyInAnyOrder("X", "HIV", "R");

    assertThat(labeller.label(condition(new Coding(ICD10, "F32.9", null))))
        .containsExactly(SecurityLabeller.Sensitivity.PSY);
    assertThat(labeller.label(condition(new Coding(ICD10, "F10.2", null))))
        .containsExactly(SecurityLabeller.Sensitivity.SUD);
    assertThat(labeller.label(condition(new Coding(ICD10, "Z21", null))))
        .containsExactly(SecurityLabeller.Sensitivity.HIV);
    assertThat(labeller.label(condition(new Coding(SNOMED, "5602001", null))))
        .containsExactly(SecurityLabeller.Sensitivity.SUD);
    assertThat(labeller.label(condition(new Coding(SNOMED, "47505003", null))))
        .containsExactly(SecurityLabeller.Sensitivity.PSY);
    Condition diabetes = condition(new Coding(SNOMED, "44054006", null));
    assertThat(labeller.label(diabetes)).isEmpty();
    assertThat(diabetes.getMeta().getSecurity()).isEmpty();
  }

  @Test
  void aReasonCodeLabelsTheEncounterToo() {
    Encounter encounter = new Encounter();
    encounter.addReasonCode(new CodeableConcept(new Coding(SNOMED, "370143000", null)));
    labeller.label(encounter);
    assertThat(encounter.getMeta().getSecurity(SecurityLabels.ACT_CODE, SecurityLabels.PSY)).isNotNull();
  }

  @Test
  void theFirstMatchingRuleGivesThePolicyAndEveryDefaultHasABreakGlassClause() {
    Condition hiv = condition(new Coding(SNOMED, "86406008", null));
    labeller.label(hiv);
    assertThat(rules.match(hiv)).get().satisfies(rule -> {
      assertThat(rule.name()).isEqualTo("hiv");
      assertThat(rule.denyMode()).isEqualTo(DenyMode.FORBID);
    });
    assertThat(rules.match(condition(new Coding(SNOMED, "44054006", null)))).get()
        .extracting(SealingRule::name).isEqualTo("clinical");
    assertThat(rules.match(new Patient())).get().extracting(SealingRule::name).isEqualTo("demographics");
    assertThat(rules.match(new Organization())).isEmpty();
    assertThat(SealingRules.DEFAULTS).allSatisfy(rule -> assertThat(rule.policy()).contains("role:break-glass"));
  }

  @Test
  void rulesMatchOnSourceAndLabelWithOrWithoutSystem() {
    SealingRules bySource = new SealingRules(List.of(new SealingRule("b", List.of(), List.of(
        SecurityLabels.CONFIDENTIALITY + "|V"), List.of("provider-b"), "role:physician", DenyMode.FORBID)));
    Observation observation = new Observation();
    observation.getMeta().addSecurity(SecurityLabels.CONFIDENTIALITY, "V", null);
    assertThat(bySource.match(observation)).isEmpty();
    observation.getMeta().addTag(SealingRules.SOURCE_SYSTEM, "provider-b", null);
    assertThat(bySource.match(observation)).isPresent();
  }

  @Test
  void aMalformedPolicyStopsTheStart() {
    assertThatThrownBy(() -> new SealingRules(List.of(new SealingRule("bad", List.of(), List.of(), List.of(),
        "role:physician AND (", DenyMode.SEALED)))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SIHHA-1500").hasMessageContaining("bad");
  }

  @Test
  void theProjectionKeepsStatisticsAndReferencesAndDropsWhatNamesOrDescribes() {
    Patient patient = new Patient();
    patient.setId("Patient/provider-a.1");
    patient.getText().setStatus(Narrative.NarrativeStatus.GENERATED).setDivAsString("<div>Ahmed Zeroual</div>");
    patient.addName().setFamily("Zeroual").addGiven("Ahmed");
    patient.addIdentifier().setSystem("urn:mrn").setValue("MRN-42");
    patient.addTelecom().setValue("0612");
    patient.setBirthDateElement(new DateType("1979-04-12"));
    patient.addAddress(new Address().addLine("Rue 1").setCity("Oran").setPostalCode("31000").setState("Oran")
        .setDistrict("Es Senia"));
    patient.addContact().addTelecom().setValue("0700");
    patient.setManagingOrganization(new Reference("Organization/provider-a.org").setDisplay("Hospital"));
    patient.addLink().setOther(new Reference("Patient/person-1")).setType(Patient.LinkType.SEEALSO);

    new Projection(FHIR).reduce(patient, List.of("digest"));

    String json = FHIR.newJsonParser().encodeResourceToString(patient);
    assertThat(json).doesNotContain("Zeroual", "Ahmed", "MRN-42", "0612", "0700", "Rue 1", "31000", "Hospital",
        "1979-04-12");
    assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1979");
    assertThat(patient.getAddressFirstRep().getDistrict()).isEqualTo("Es Senia");
    assertThat(patient.getManagingOrganization().getReference()).isEqualTo("Organization/provider-a.org");
    assertThat(patient.getLinkFirstRep().getType()).isEqualTo(Patient.LinkType.SEEALSO);
    assertThat(patient.getIdentifier()).singleElement().satisfies(id -> assertThat(id.getValue()).isEqualTo("digest"));
  }

  @Test
  void theProjectionOfAConditionKeepsCodesWithoutTextAndItsReferences() {
    Condition condition = condition(new Coding(SNOMED, "86406008", "Human immunodeficiency virus infection"));
    condition.getCode().setText("HIV since 2010");
    condition.setSubject(new Reference("Patient/provider-a.1"));
    condition.setEncounter(new Reference("Encounter/provider-a.2"));
    condition.addNote().setText("told his brother");
    condition.setOnset(new DateTimeType("2010-02-03"));

    new Projection(FHIR).reduce(condition, List.of());

    String json = FHIR.newJsonParser().encodeResourceToString(condition);
    assertThat(json).contains("86406008", "Patient/provider-a.1", "Encounter/provider-a.2", "2010-02-03")
        .doesNotContain("immunodeficiency", "HIV since", "brother");
  }

  private static Condition condition(Coding code) {
    Condition condition = new Condition();
    condition.setCode(new CodeableConcept(code));
    return condition;
  }
}
