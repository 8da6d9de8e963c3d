package health.sihha.hie.server.jpa;

import ca.uhn.fhir.jpa.subscription.match.deliver.email.EmailDetails;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;

/**
 * HAPI's subscription processor needs an email sender even when, as here, the email channel is not among the
 * supported subscription types: HAPI then refuses email Subscriptions when they are created, so this is never
 * reached through the API.
 */
final class EmailChannelDisabled implements IEmailSender {

  @Override
  public void send(EmailDetails details) {
    throw new IllegalStateException("email subscriptions are not enabled on this server");
  }
}
