package health.sihha.hie.ministry.linking;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Patient linking at the ministry.
 *
 * @param blindIndexKey the HMAC-SHA256 key of the identifiers' blind indexes, base64 (at least 32 bytes); when blank,
 *     a key generated once into {@code ${sihha.fhir.data-dir}/linking-blind-index.key} (demo only: whoever reads the
 *     data directory has the key; production sets it from a secret store)
 * @param autoLink the Fellegi–Sunter score (log2 likelihood ratio) from which a record is linked automatically
 * @param possibleMatch the score from which a record is proposed for review as a possible match
 * @param weights m and u probabilities per field, overriding {@link MatchField}'s defaults
 * @param stewardRole the realm role that reviews possible matches, links and unlinks
 */
@Validated
@ConfigurationProperties("sihha.ministry.linking")
public record LinkingProperties(
    @DefaultValue("") String blindIndexKey,
    @DefaultValue("28") double autoLink,
    @DefaultValue("14") double possibleMatch,
    Map<MatchField, @Valid Probabilities> weights,
    @DefaultValue("registry-steward") @NotBlank String stewardRole) {

  public LinkingProperties {
    if (possibleMatch > autoLink) {
      throw new IllegalArgumentException("possible-match (" + possibleMatch + ") must not exceed auto-link ("
          + autoLink + ")");
    }
    Map<MatchField, Probabilities> all = new EnumMap<>(MatchField.class);
    for (MatchField field : MatchField.values()) {
      all.put(field, weights != null && weights.containsKey(field) ? weights.get(field) : field.defaults());
    }
    weights = Map.copyOf(all);
  }
}
