package health.sihha.hie.terminology.translate;

import jakarta.annotation.Nullable;

/**
 * The parameters of one {@code $translate}.
 *
 * @param conceptMap canonical URL of the map to use; null for every map that applies
 * @param source value set URL the map must map from, when given
 * @param target value set URL the map must map to, when given
 * @param targetSystem code system the answers must be in, when given
 * @param reverse translate from target to source
 */
public record TranslateRequest(@Nullable String conceptMap, @Nullable String conceptMapVersion, @Nullable String system,
    String code, @Nullable String source, @Nullable String target, @Nullable String targetSystem, boolean reverse) {}
