package health.sihha.hie.ministry.ingest;

/** One resource at one provider: the provider's id, the resource type and the provider's logical id. */
public record SourceKey(String provider, String type, String id) {}
