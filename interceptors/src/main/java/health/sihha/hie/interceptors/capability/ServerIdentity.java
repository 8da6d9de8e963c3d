package health.sihha.hie.interceptors.capability;

import static java.util.Objects.requireNonNull;

/**
 * Who a server is: its role in the exchange ({@code provider} or {@code ministry}), a stable id and a title.
 *
 * @param role the kind of system, shown as the software name
 * @param id a stable, machine-readable id, e.g. {@code provider-a}
 * @param title the human-readable name, e.g. {@code Provider A General Hospital}
 * @param publisher who runs the server
 */
public record ServerIdentity(String role, String id, String title, String publisher) {

  public ServerIdentity {
    requireNonNull(role);
    requireNonNull(id);
    requireNonNull(title);
    requireNonNull(publisher);
  }

  /** The id turned into a CapabilityStatement.name, which must look like a computer name: {@code provider-a} → {@code ProviderA}. */
  public String machineName() {
    StringBuilder name = new StringBuilder();
    boolean upper = true;
    for (char c : id.toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    return name.toString();
  }
}
