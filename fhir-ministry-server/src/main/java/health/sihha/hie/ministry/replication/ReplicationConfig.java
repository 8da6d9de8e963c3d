package health.sihha.hie.ministry.replication;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Gap repair (and reconciliation) run on Spring's scheduler. */
@Configuration
@EnableScheduling
class ReplicationConfig {}
