package health.sihha.bench.cpabe;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.util.BundleUtil;
import ca.uhn.fhir.util.FhirTerser;
import ca.uhn.fhir.util.ResourceReferenceInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Whether the sealed ministry's {@code $everything} gave the same clear content as the unsealed one's. The answers
 * hold resources the provider delivered (the patient's own, and what the ministry's {@code $everything} brings in
 * with them, such as the Organizations and Practitioners named by the AuditEvent of their import) and the ministry's
 * own records (that AuditEvent, the patient's person record), whose ids and times are each store's own. Checked:
 * <ul>
 *   <li>both answers hold the same delivered resources (by national id), every resource the patient's bundle
 *       delivered among them;
 *   <li>each delivered resource has the same content in both answers, its id and meta left out (meta differs by
 *       design: the sealed store adds security labels; versions, times and sources are each store's own);
 *   <li>both answers hold as many of the ministry's own records of each type;
 *   <li>no answer carries an envelope (extension {@value #SEALED_CONTENT}): a read that showed a sealed projection
 *       instead of opening it would fail here, and its projection would differ in content as well.
 * </ul>
 * Also counted, not required: how many delivered resources equal what the provider delivered, ids and references
 * made national ({@code <provider>.<id>}).
 *
 * @param expected the patient's delivered resources (its bundle's, shared Organizations and Practitioners included)
 * @param sealedDelivered delivered resources in the sealed answer
 * @param unsealedDelivered delivered resources in the unsealed answer
 * @param sameResources whether both answers hold the same delivered resources and as many own records per type
 * @param identical delivered resources whose content (id and meta aside) is equal in both answers
 * @param differing the national ids whose content differs (at most 10 named)
 * @param envelopes resources of either answer still carrying an envelope
 * @param missing the patient's delivered resources that either answer lacks (at most 10 named)
 * @param sealedAsDelivered resources of the sealed answer equal to what was delivered
 * @param unsealedAsDelivered resources of the unsealed answer equal to what was delivered
 * @param sealedOwn the ministry's own records in the sealed answer, per type
 * @param unsealedOwn the same in the unsealed answer
 */
record ContentCheck(int expected, int sealedDelivered, int unsealedDelivered, boolean sameResources, int identical,
    List<String> differing, int envelopes, List<String> missing, int sealedAsDelivered, int unsealedAsDelivered,
    Map<String, Integer> sealedOwn, Map<String, Integer> unsealedOwn) {

  static final String SEALED_CONTENT = "https://sihha.health/fhir/StructureDefinition/sealed-content";
  private static final int NAMED = 10;

  ContentCheck {
    differing = List.copyOf(differing);
    missing = List.copyOf(missing);
    sealedOwn = Map.copyOf(sealedOwn);
    unsealedOwn = Map.copyOf(unsealedOwn);
  }

  /** Whether the sealed answer is the unsealed one's content, in clear, and holds what was delivered. */
  boolean passed() {
    return sameResources && identical == sealedDelivered && differing.isEmpty() && envelopes == 0
        && missing.isEmpty();
  }

  static ContentCheck of(FhirContext fhir, ProviderRecords records, List<String> sealedPages,
      List<String> unsealedPages) {
    IParser parser = fhir.newJsonParser();
    Map<String, String> delivered = delivered(fhir, records);
    Map<String, Resource> sealedAll = resources(fhir, sealedPages);
    Map<String, Resource> unsealedAll = resources(fhir, unsealedPages);
    Map<String, Resource> sealed = deliveredPart(sealedAll, delivered);
    Map<String, Resource> unsealed = deliveredPart(unsealedAll, delivered);

    Set<String> expected = new TreeSet<>();
    records.patient().resources().forEach(id -> expected.add(national(id)));
    Set<String> missing = new TreeSet<>();
    for (Map<String, Resource> answer : List.of(sealed, unsealed)) {
      expected.stream().filter(id -> !answer.containsKey(id)).forEach(missing::add);
    }
    List<String> differing = new ArrayList<>();
    int identical = 0;
    for (Map.Entry<String, Resource> entry : sealed.entrySet()) {
      Resource other = unsealed.get(entry.getKey());
      if (other == null) {
        continue;
      }
      if (comparable(parser, entry.getValue()).equals(comparable(parser, other))) {
        identical++;
      } else {
        differing.add(entry.getKey());
      }
    }
    int envelopes = (int) (sealedAll.values().stream().filter(ContentCheck::hasEnvelope).count()
        + unsealedAll.values().stream().filter(ContentCheck::hasEnvelope).count());
    Map<String, Integer> sealedOwn = own(sealedAll, delivered);
    Map<String, Integer> unsealedOwn = own(unsealedAll, delivered);
    return new ContentCheck(expected.size(), sealed.size(), unsealed.size(),
        sealed.keySet().equals(unsealed.keySet()) && sealedOwn.equals(unsealedOwn), identical, first(differing),
        envelopes, first(new ArrayList<>(missing)), asDelivered(parser, sealed, delivered),
        asDelivered(parser, unsealed, delivered), sealedOwn, unsealedOwn);
  }

  /** The resources of an answer's pages by national id ({@code Type/id}). */
  static Map<String, Resource> resources(FhirContext fhir, List<String> pages) {
    IParser parser = fhir.newJsonParser();
    Map<String, Resource> resources = new TreeMap<>();
    for (String page : pages) {
      for (IBaseResource resource : BundleUtil.toListOfResources(fhir, parser.parseResource(Bundle.class, page))) {
        IIdType id = resource.getIdElement();
        resources.put(id.getResourceType() + "/" + id.getIdPart(), (Resource) resource);
      }
    }
    return resources;
  }

  /** {@code Type/id} of the provider → {@code Type/<provider>.<id>}. */
  static String national(String local) {
    IdType id = new IdType(local);
    return id.getResourceType() + "/" + MinistryServer.PROVIDER + "." + id.getIdPart();
  }

  private static Map<String, Resource> deliveredPart(Map<String, Resource> answer, Map<String, String> delivered) {
    Map<String, Resource> part = new TreeMap<>(answer);
    part.keySet().retainAll(delivered.keySet());
    return part;
  }

  private static Map<String, Integer> own(Map<String, Resource> answer, Map<String, String> delivered) {
    Map<String, Integer> own = new TreeMap<>();
    answer.forEach((id, resource) -> {
      if (!delivered.containsKey(id)) {
        own.merge(resource.fhirType(), 1, Integer::sum);
      }
    });
    return own;
  }

  private static int asDelivered(IParser parser, Map<String, Resource> answer, Map<String, String> delivered) {
    int equal = 0;
    for (Map.Entry<String, Resource> entry : answer.entrySet()) {
      if (comparable(parser, entry.getValue()).equals(delivered.get(entry.getKey()))) {
        equal++;
      }
    }
    return equal;
  }

  /** What was delivered, as the national copy should read: ids and references to the provider's made national. */
  private static Map<String, String> delivered(FhirContext fhir, ProviderRecords records) {
    FhirTerser terser = fhir.newTerser();
    IParser parser = fhir.newJsonParser();
    Map<String, String> delivered = new HashMap<>();
    for (Resource source : records.resources()) {
      Resource copy = source.copy();
      for (ResourceReferenceInfo info : terser.getAllResourceReferences(copy)) {
        IIdType target = info.getResourceReference().getReferenceElement();
        if (target != null && target.hasResourceType() && target.hasIdPart() && !target.hasBaseUrl()) {
          info.getResourceReference().setReference(national(target.getResourceType() + "/" + target.getIdPart()));
        }
      }
      delivered.put(national(source.fhirType() + "/" + source.getIdElement().getIdPart()), comparable(parser, copy));
    }
    return delivered;
  }

  private static String comparable(IParser parser, Resource resource) {
    Resource copy = resource.copy();
    copy.setIdElement(null);
    copy.setMeta(null);
    return parser.encodeResourceToString(copy);
  }

  private static boolean hasEnvelope(Resource resource) {
    return resource instanceof DomainResource domain && domain.getExtensionByUrl(SEALED_CONTENT) != null;
  }

  private static List<String> first(List<String> ids) {
    return List.copyOf(ids.subList(0, Math.min(NAMED, ids.size())));
  }
}
