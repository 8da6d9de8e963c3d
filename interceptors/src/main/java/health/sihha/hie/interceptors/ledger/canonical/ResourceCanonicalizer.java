package health.sihha.hie.interceptors.ledger.canonical;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Resource;

/**
 * The canonical form of a FHIR R4 resource version, the text the ledger hashes: what the version says, not how it was
 * serialized or where the server keeps it. {@code interceptors/LEDGER.md} states the form; in short:
 *
 * <ol>
 *   <li>On a copy of the resource (narratives are left out of the copy), the {@code reference} of every {@code Reference}-typed element (at any depth,
 *       contained resources and extensions included) is normalised: the server's own base URL and a trailing
 *       {@code /_history/<version>} are removed.
 *   <li>The copy is encoded by HAPI's R4 JSON encoder (its decimals keep the text they were parsed from).
 *   <li>From that JSON: {@code id}, {@code text}, {@code meta.versionId}, {@code meta.lastUpdated} and
 *       {@code meta.source} (with their {@code _} primitive extensions) are removed, {@code meta} too if that
 *       leaves it empty; {@code text} of every contained resource is removed; {@code meta.profile},
 *       {@code meta.security} and {@code meta.tag}, which FHIR treats as sets, are sorted by their canonical text
 *       and exact duplicates dropped (unless {@code meta._profile} pairs extensions with profiles by position).
 *   <li>The result is written as {@link CanonicalJson} (JCS with numbers as written).
 * </ol>
 *
 * <p>Thread-safe; one instance per server.
 */
public final class ResourceCanonicalizer {

  private static final Pattern HISTORY =
      Pattern.compile("((?:.*/)?[A-Z][A-Za-z]*/[A-Za-z0-9\\-.]{1,64})/_history/[A-Za-z0-9\\-.]{1,64}");

  private final FhirContext context;
  private final List<String> serverBases;

  /**
   * @param context an R4 context
   * @param serverBases the base URLs by which this server is known, e.g. {@code https://provider-a.example/fhir}
   *     (a trailing {@code /} is ignored); references that start with one of them are made relative
   */
  public ResourceCanonicalizer(FhirContext context, Collection<String> serverBases) {
    this.context = requireNonNull(context);
    if (context.getVersion().getVersion() != FhirVersionEnum.R4) {
      throw new InvalidRequestException(Codes.of(1453) + "the ledger's canonical form is defined for FHIR R4, not "
          + context.getVersion().getVersion());
    }
    List<String> bases = new ArrayList<>();
    for (String base : serverBases) {
      String trimmed = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
      if (!trimmed.isEmpty()) {
        bases.add(trimmed);
      }
    }
    this.serverBases = List.copyOf(bases);
  }

  /** A canonicalizer on {@link FhirContext#forR4Cached()} for a server known by {@code serverBases}. */
  public static ResourceCanonicalizer r4(String... serverBases) {
    return new ResourceCanonicalizer(FhirContext.forR4Cached(), List.of(serverBases));
  }

  /** The canonical text of {@code resource}, which is not changed. */
  public String canonicalJson(IBaseResource resource) {
    // R4's generated copy() is some 50 times faster than the terser's reflective clone
    IBaseResource copy = resource instanceof Resource r4 ? r4.copy() : context.newTerser().clone(resource);
    if (copy instanceof DomainResource domain) {
      // removed from the JSON anyway (step 5); not encoding the XHTML saves most of the encoder's time
      domain.setText(null);
      for (Resource contained : domain.getContained()) {
        if (contained instanceof DomainResource containedDomain) {
          containedDomain.setText(null);
        }
      }
    }
    List<IBaseReference> references =
        context.newTerser().getAllPopulatedChildElementsOfType(copy, IBaseReference.class);
    for (IBaseReference reference : references) {
      // HAPI would contain such a target when encoding, and the terser walks into it: a version as stored has none
      IBaseResource target = reference.getResource();
      if (target != null && !target.getIdElement().hasIdPart()) {
        throw new InvalidRequestException(Codes.of(1457) + "a reference to an in-memory resource without an id "
            + "cannot be canonicalized; anchor resource versions as stored");
      }
    }
    for (IBaseReference reference : references) {
      String value = reference.getReferenceElement().getValue();
      if (value != null) {
        String normalised = normaliseReference(value);
        if (!normalised.equals(value)) {
          reference.setReference(normalised);
        }
      }
    }
    Object tree = CanonicalJson.parse(encoder().encodeResourceToString(copy));
    if (!(tree instanceof TreeMap<?, ?>)) {
      throw new InvalidRequestException(Codes.of(1454) + "a resource did not encode as a JSON object");
    }
    @SuppressWarnings("unchecked")
    TreeMap<String, Object> root = (TreeMap<String, Object>) tree;
    strip(root);
    return CanonicalJson.write(root);
  }

  /**
   * The canonical text of the resource in {@code resourceJson}, parsed by HAPI with its strict error handler (an
   * unknown element is refused rather than silently dropped).
   */
  public String canonicalJson(String resourceJson) {
    IParser parser = context.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    IBaseResource resource;
    try {
      resource = parser.parseResource(resourceJson);
    } catch (DataFormatException e) {
      throw new InvalidRequestException(Codes.of(1454) + "not a FHIR R4 resource in JSON: " + e.getMessage(), e);
    }
    return canonicalJson(resource);
  }

  /** The UTF-8 bytes of {@link #canonicalJson(IBaseResource)}: what is hashed. */
  public byte[] canonicalBytes(IBaseResource resource) {
    return canonicalJson(resource).getBytes(StandardCharsets.UTF_8);
  }

  /** The FHIR context the resources are encoded with. */
  public FhirContext context() {
    return context;
  }

  /**
   * The normal form of a reference: {@code #local} and {@code urn:} references unchanged; otherwise the first of
   * this server's base URLs it starts with (followed by {@code /}) removed, and then a final
   * {@code /_history/<version>} after {@code Type/id} removed.
   */
  public String normaliseReference(String reference) {
    if (reference.startsWith("#") || reference.startsWith("urn:")) {
      return reference;
    }
    String relative = reference;
    for (String base : serverBases) {
      if (reference.length() > base.length() + 1 && reference.startsWith(base)
          && reference.charAt(base.length()) == '/') {
        relative = reference.substring(base.length() + 1);
        break;
      }
    }
    Matcher history = HISTORY.matcher(relative);
    return history.matches() ? history.group(1) : relative;
  }

  private IParser encoder() {
    // our own reference rules apply, not HAPI's: HAPI must neither strip versions nor shorten base URLs
    return context.newJsonParser().setPrettyPrint(false).setStripVersionsFromReferences(false)
        .setOmitResourceId(true).setSuppressNarratives(false);
  }

  @SuppressWarnings("unchecked")
  private static void strip(TreeMap<String, Object> root) {
    root.remove("id");
    root.remove("_id");
    root.remove("text");
    if (root.get("meta") instanceof TreeMap<?, ?> m) {
      TreeMap<String, Object> meta = (TreeMap<String, Object>) m;
      for (String name : List.of("versionId", "lastUpdated", "source")) {
        meta.remove(name);
        meta.remove("_" + name);
      }
      for (String set : List.of("profile", "security", "tag")) {
        // a primitive array with extensions (_profile) is parallel to its values: then its order is kept
        if (meta.get(set) instanceof List<?> values && !meta.containsKey("_" + set)) {
          meta.put(set, sortedSet(values));
        }
      }
      if (meta.isEmpty()) {
        root.remove("meta");
      }
    }
    if (root.get("contained") instanceof List<?> contained) {
      for (Object resource : contained) {
        if (resource instanceof Map<?, ?> r) {
          r.remove("text");
        }
      }
    }
  }

  private static List<Object> sortedSet(List<?> values) {
    TreeMap<String, Object> byText = new TreeMap<>();
    for (Object value : values) {
      byText.putIfAbsent(CanonicalJson.write(value), value);
    }
    return new ArrayList<>(byText.values());
  }
}
