package health.sihha.hie.ministry.cpabe.rewrap;

import static java.util.Objects.requireNonNull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.dao.data.IResourceHistoryTableDao;
import ca.uhn.fhir.jpa.model.dao.JpaPidFk;
import ca.uhn.fhir.jpa.model.entity.ResourceEncodingEnum;
import ca.uhn.fhir.jpa.model.entity.ResourceHistoryTable;
import health.sihha.hie.interceptors.cpabe.client.SealedResources;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stored versions of sealed resources ({@code HFJ_RES_VER}), read and changed in place: only the sealed-content
 * envelope of a version's text is replaced (the Base64 text of the old envelope by that of the new one), every other
 * byte of the stored JSON stays; or a version stored in clear is replaced by its sealed form. Used for the versions in
 * {@code _history}, which the DAO cannot update.
 */
final class StoredVersions {

  /** What HAPI keeps out of a version's stored text: id and meta live in their own columns and tables. */
  private static final Set<String> NOT_IN_STORED_TEXT = Set.of("id", "*.meta");

  private final IResourceHistoryTableDao versions;
  private final TransactionTemplate transactions;
  private final FhirContext fhir;

  StoredVersions(IResourceHistoryTableDao versions, PlatformTransactionManager transactionManager, FhirContext fhir) {
    this.versions = requireNonNull(versions);
    this.transactions = new TransactionTemplate(requireNonNull(transactionManager));
    this.fhir = requireNonNull(fhir);
  }

  /** The stored form of a version, with its id, version and {@code meta.source}; empty if it is not there. */
  Optional<Resource> read(long resId, long version) {
    return Optional.ofNullable(transactions.execute(status -> {
      ResourceHistoryTable stored = versions.findForIdAndVersion(JpaPidFk.fromId(resId), version);
      return stored == null ? null : parse(stored, text(stored));
    }));
  }

  /**
   * Replaces the envelope of a stored version by {@code move(stored form, envelope)}, in one transaction; whether the
   * version was there and sealed.
   */
  boolean replaceEnvelope(long resId, long version, BiFunction<Resource, byte[], byte[]> move) {
    return Boolean.TRUE.equals(transactions.execute(status -> {
      ResourceHistoryTable stored = versions.findForIdAndVersion(JpaPidFk.fromId(resId), version);
      if (stored == null) {
        return false;
      }
      String text = text(stored);
      Resource resource = parse(stored, text);
      if (!SealedResources.isSealed(resource)) {
        return false;
      }
      byte[] envelope = SealedResources.envelope(resource);
      String before = Base64.getEncoder().encodeToString(envelope);
      String after = Base64.getEncoder().encodeToString(move.apply(resource, envelope));
      if (!text.contains('"' + before + '"')) {
        throw new IllegalStateException("the stored text of " + resource.getIdElement().getValue()
            + " does not carry its envelope verbatim");
      }
      stored.setResourceTextVc(text.replace('"' + before + '"', '"' + after + '"'));
      stored.setResource(null);
      stored.setEncoding(ResourceEncodingEnum.JSON);
      versions.save(stored);
      return true;
    }));
  }

  /**
   * Seals, in place, a version stored in clear: {@code seal} reduces the parsed version to its sealed form, which is
   * stored as HAPI stores a version's text (without id and meta, kept in their own columns and tables), in one
   * transaction; whether the version was there, in clear, and is now sealed.
   */
  boolean sealInPlace(long resId, long version, Consumer<Resource> seal) {
    return Boolean.TRUE.equals(transactions.execute(status -> {
      ResourceHistoryTable stored = versions.findForIdAndVersion(JpaPidFk.fromId(resId), version);
      if (stored == null || stored.getDeleted() != null) {
        return false;
      }
      Resource resource = parse(stored, text(stored));
      if (SealedResources.isSealed(resource)) {
        return false;
      }
      seal.accept(resource);
      if (!SealedResources.isSealed(resource)) {
        return false;
      }
      stored.setResourceTextVc(fhir.newJsonParser().setDontEncodeElements(NOT_IN_STORED_TEXT)
          .encodeResourceToString(resource));
      stored.setResource(null);
      stored.setEncoding(ResourceEncodingEnum.JSON);
      versions.save(stored);
      return true;
    }));
  }

  private Resource parse(ResourceHistoryTable stored, String text) {
    Resource resource = (Resource) fhir.newJsonParser().parseResource(text);
    resource.setId(stored.getIdDt().toUnqualified().getValue());
    resource.getMeta().setSource(stored.getSourceUri());
    return resource;
  }

  private static String text(ResourceHistoryTable stored) {
    if (stored.getResourceTextVc() != null) {
      return stored.getResourceTextVc();
    }
    byte[] bytes = stored.getResource();
    if (stored.getEncoding() != ResourceEncodingEnum.JSONC) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("a compressed stored version does not decompress", e);
    }
  }
}
