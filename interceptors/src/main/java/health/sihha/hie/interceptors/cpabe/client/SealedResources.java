package health.sihha.hie.interceptors.cpabe.client;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.sihha.hie.interceptors.Codes;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException;
import health.sihha.hie.interceptors.cpabe.envelope.EnvelopeOpenException.Reason;
import health.sihha.hie.interceptors.cpabe.envelope.SealContext;
import health.sihha.hie.interceptors.cpabe.scheme.UserKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Resource;

/**
 * Opens the sealed form of a national resource in a client app: the clear projection the ministry returns, carrying
 * the {@value #SEALED_CONTENT} extension ({@code valueBase64Binary}, the CP-ABE envelope of the whole resource as
 * FHIR JSON). The seal context is read from the resource itself: its type, the provider's logical id and version
 * from {@code meta.source} ({@code <provider base>/<type>/<id>/_history/<version>}, as the ministry stamps it; the
 * national id and {@value #OWN_VERSION} for the ministry's own records), and the policy from the envelope's header;
 * the envelope authenticates all four.
 */
public final class SealedResources {

  /** The extension holding the envelope. */
  public static final String SEALED_CONTENT = "https://sihha.health/fhir/StructureDefinition/sealed-content";

  /** The version a resource of the ministry's own is sealed under. */
  public static final String OWN_VERSION = "ministry";

  private static final String HISTORY = "/_history/";

  private final CpAbe abe;
  private final FhirContext fhir;

  public SealedResources(FhirContext fhir) {
    this.abe = new CpAbe();
    this.fhir = requireNonNull(fhir, "fhir");
  }

  /** Whether {@code resource} carries sealed content. */
  public static boolean isSealed(Resource resource) {
    return resource instanceof DomainResource domain && domain.getExtensionByUrl(SEALED_CONTENT) != null;
  }

  /**
   * The plaintext resource of {@code sealed}. Throws {@link InvalidRequestException} (SIHHA-1577) when the resource
   * carries no envelope or no provider source, {@link EnvelopeOpenException} (403) when {@code key} cannot open it
   * (other attributes, another epoch or setup, anything altered).
   */
  public Resource open(Resource sealed, UserKey key) {
    return open(sealed, key, contextOf(sealed));
  }

  /** {@link #open(Resource, UserKey)} with a seal context the caller knows. */
  public Resource open(Resource sealed, UserKey key, SealContext context) {
    byte[] plaintext = abe.open(key, envelope(sealed), context);
    try {
      Resource resource = (Resource) fhir.newJsonParser().parseResource(new String(plaintext, StandardCharsets.UTF_8));
      if (!resource.fhirType().equals(sealed.fhirType())) {
        throw new EnvelopeOpenException(Reason.INTEGRITY, "the sealed content is a " + resource.fhirType()
            + ", not a " + sealed.fhirType());
      }
      return resource;
    } catch (DataFormatException e) {
      throw new EnvelopeOpenException(Reason.MALFORMED, "the sealed content is not a FHIR JSON resource", e);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /**
   * The seal context of {@code sealed}: its type, the provider's logical id and version from {@code meta.source}, the
   * policy from the envelope. A resource of the ministry's own (no provider source) is bound to its national id and
   * version {@value #OWN_VERSION}, as the ministry seals it.
   */
  public static SealContext contextOf(Resource sealed) {
    String policy = CpAbe.inspect(envelope(sealed)).policy();
    String type = sealed.fhirType();
    String source = sealed.getMeta().getSource();
    if (source != null) {
      int hash = source.indexOf('#');
      String uri = hash < 0 ? source : source.substring(0, hash);
      int history = uri.lastIndexOf(HISTORY);
      String prefix = "/" + type + "/";
      int start = history < 0 ? -1 : uri.lastIndexOf(prefix, history);
      if (start >= 0) {
        return new SealContext(type, uri.substring(start + prefix.length(), history),
            uri.substring(history + HISTORY.length()), policy);
      }
    }
    if (!sealed.getIdElement().hasIdPart()) {
      throw new InvalidRequestException(Codes.of(1577) + "the sealed " + type + " has neither a provider source"
          + " (meta.source <base>/" + type + "/<id>/_history/<version>) nor an id");
    }
    return new SealContext(type, sealed.getIdElement().getIdPart(), OWN_VERSION, policy);
  }

  /** The envelope's bytes in {@code sealed}'s {@value #SEALED_CONTENT} extension. */
  public static byte[] envelope(Resource sealed) {
    Extension extension = sealed instanceof DomainResource domain ? domain.getExtensionByUrl(SEALED_CONTENT) : null;
    if (extension == null || !(extension.getValue() instanceof Base64BinaryType value) || value.getValue() == null) {
      throw new InvalidRequestException(Codes.of(1577) + sealed.fhirType() + " carries no " + SEALED_CONTENT
          + " extension with a valueBase64Binary");
    }
    return value.getValue();
  }

}
