package health.sihha.hie.ministry.cpabe;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import health.sihha.hie.interceptors.cpabe.CpAbe;
import health.sihha.hie.interceptors.cpabe.client.SealedResources;
import health.sihha.hie.interceptors.cpabe.envelope.SealContext;
import health.sihha.hie.ministry.cpabe.authority.AttributeAuthority;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;

/**
 * Sealed national resources as the sealing interceptor stores them, made here with {@link CpAbe} and the authority's
 * master key: the clear projection (status, code) with the sealed-content extension, {@code meta.source} naming the
 * provider's resource version.
 */
public final class SealedFixtures {

  public static final String SECRET = "HIV viral load, patient Amina Benali";

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final CpAbe ABE = new CpAbe();

  private SealedFixtures() {}

  /** A sealed Observation under {@code policy} in the authority's current epoch. */
  public static Observation sealed(AttributeAuthority authority, String policy) {
    String providerId = "obs-" + UUID.randomUUID();
    Observation plain = new Observation();
    plain.setStatus(Observation.ObservationStatus.FINAL);
    plain.getCode().setText(SECRET);
    byte[] envelope = ABE.seal(authority.masterKey(), policy, authority.epoch(),
        FHIR.newJsonParser().encodeResourceToString(plain).getBytes(StandardCharsets.UTF_8),
        new SealContext("Observation", providerId, "1", policy));
    Observation projection = new Observation();
    projection.getMeta().setSource("http://provider-a.test/fhir/Observation/" + providerId + "/_history/1");
    projection.setStatus(Observation.ObservationStatus.FINAL);
    projection.getCode().setText("sealed");
    projection.addExtension(SealedResources.SEALED_CONTENT, new Base64BinaryType(envelope));
    return projection;
  }

  /** The body of a sealed envelope, its last bytes: nonce, AES-GCM ciphertext and tag. */
  public static byte[] bodyOf(byte[] envelope) {
    int ciphertext = envelope.length - CpAbe.inspect(envelope).overhead();
    return Arrays.copyOfRange(envelope, envelope.length - ciphertext - 16 - 12, envelope.length);
  }

  /** Stores {@code resource} as the server itself; its id. */
  public static IdType store(DaoRegistry daos, Observation resource) {
    return (IdType) daos.getResourceDao(Observation.class).create(resource, new SystemRequestDetails()).getId()
        .toUnqualifiedVersionless();
  }

  /** The stored form of {@code id}, read by database id so that no read hook opens it. */
  public static Observation read(DaoRegistry daos, IdType id) {
    IFhirResourceDao<Observation> dao = daos.getResourceDao(Observation.class);
    return dao.readByPid(dao.readEntity(id, new SystemRequestDetails()).getPersistentId());
  }
}
