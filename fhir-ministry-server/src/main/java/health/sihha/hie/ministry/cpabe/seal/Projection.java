package health.sihha.hie.ministry.cpabe.seal;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeDeclaredChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.util.FhirTerser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BackboneElement;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The clear projection of a sealed resource, made in place: what national statistics and searches need and nothing
 * that names or describes a person. Kept: id, meta (labels, tags, source), status and its kin, type, class, code and
 * category codes (without display or text), dates, gender, the birth year, the region of a Patient's address (state,
 * district, country), and every reference (subject, patient, encounter, link...), nested ones too, so that
 * compartments, {@code _include} and {@code $everything} work on the sealed store. Dropped: narrative, contained
 * resources, extensions, identifiers, names, telecom, address lines, city and postal code, contacts, photos, notes,
 * values, free text, and the display of every coding and reference.
 */
final class Projection {

  private static final Set<String> KEPT = Set.of("id", "meta", "status", "category", "code", "class", "type",
      "intent", "clinicalStatus", "verificationStatus", "vaccineCode", "medication", "effective", "onset", "abatement",
      "recordedDate", "issued", "period", "authoredOn", "performed", "occurrence", "date", "gender", "active",
      "deceased", "serviceType", "priority", "criticality", "link");

  private final FhirContext fhirContext;
  private final FhirTerser terser;

  Projection(FhirContext fhirContext) {
    this.fhirContext = fhirContext;
    this.terser = fhirContext.newTerser();
  }

  /** Reduces {@code resource} to its projection; a Patient's gets {@code familyDigests} as identifiers. */
  void reduce(Resource resource, Collection<String> familyDigests) {
    Patient demographics = resource instanceof Patient patient ? patient.copy() : null;
    strip(resource, fhirContext.getResourceDefinition(resource), true);
    Meta meta = resource.getMeta();
    resource.setMeta(null);
    terser.getAllPopulatedChildElementsOfType(resource, Coding.class).forEach(coding -> coding.setDisplay(null));
    terser.getAllPopulatedChildElementsOfType(resource, CodeableConcept.class).forEach(concept -> concept.setText(null));
    terser.getAllPopulatedChildElementsOfType(resource, Reference.class)
        .forEach(reference -> reference.setDisplay(null).setIdentifier(null));
    resource.setMeta(meta);
    if (demographics != null) {
      region((Patient) resource, demographics, familyDigests);
    }
  }

  private void strip(Base element, BaseRuntimeElementCompositeDefinition<?> definition, boolean top) {
    for (BaseRuntimeChildDefinition child : definition.getChildren()) {
      String name = child.getElementName().replace("[x]", "");
      List<IBase> values = child.getAccessor().getValues(element);
      if (values.isEmpty() || top && KEPT.contains(name)) {
        continue;
      }
      List<IBase> kept = new ArrayList<>();
      for (IBase value : values) {
        if (value instanceof Reference) {
          kept.add(value);
        } else if (value instanceof BackboneElement backbone) {
          strip(backbone, (BaseRuntimeElementCompositeDefinition<?>) child.getChildElementDefinitionByDatatype(
              backbone.getClass()), false);
          if (!backbone.isEmpty()) {
            kept.add(backbone);
          }
        }
      }
      clear(child, element);
      kept.forEach(value -> child.getMutator().addValue(element, value));
    }
  }

  /** Empties a child; through its field, as a list set from {@code Stream.toList()} cannot be cleared in place. */
  private static void clear(BaseRuntimeChildDefinition child, Base element) {
    if (!(child instanceof BaseRuntimeDeclaredChildDefinition declared)) {
      child.getMutator().setValue(element, null);
      return;
    }
    try {
      declared.getField().set(element, null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot clear " + child.getElementName() + " of " + element.fhirType(), e);
    }
  }

  /** A Patient keeps its birth year, the region of its addresses and the blind index of its family name. */
  private static void region(Patient projection, Patient demographics, Collection<String> familyDigests) {
    if (demographics.hasBirthDate()) {
      projection.setBirthDateElement(new DateType(Integer.toString(demographics.getBirthDateElement().getYear())));
    }
    for (Address address : demographics.getAddress()) {
      Address region = new Address().setState(address.getState()).setDistrict(address.getDistrict())
          .setCountry(address.getCountry());
      if (!region.isEmpty()) {
        projection.addAddress(region);
      }
    }
    familyDigests.forEach(digest -> projection.addIdentifier().setSystem(FamilyIndex.SYSTEM).setValue(digest));
  }
}
