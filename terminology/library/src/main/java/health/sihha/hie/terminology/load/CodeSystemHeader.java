package health.sihha.hie.terminology.load;

import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;

/**
 * The metadata of a loaded code system version, gathered in one value so that loaders state it in one place.
 *
 * @param url the canonical URL
 * @param version the version loaded
 * @param name the computable name
 * @param title the human title
 * @param publisher who publishes the terminology
 * @param copyright the short licence notice
 * @param content complete, or fragment when only part of the code system is loaded
 * @param caseSensitive whether codes are case-sensitive
 * @param hierarchical whether concepts are nested (is-a)
 */
public record CodeSystemHeader(
    String url,
    String version,
    String name,
    String title,
    String publisher,
    String copyright,
    CodeSystemContentMode content,
    boolean caseSensitive,
    boolean hierarchical) {}
