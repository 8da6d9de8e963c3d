package health.sihha.hie.interceptors.security;

/** The five SMART v2 permissions, in the order a v2 scope lists them: {@code c r u d s}. */
public enum Interaction {
  CREATE('c'),
  READ('r'),
  UPDATE('u'),
  DELETE('d'),
  SEARCH('s');

  private final char letter;

  Interaction(char letter) {
    this.letter = letter;
  }

  /** The letter of this permission in a v2 scope, e.g. {@code r} for read. */
  public char letter() {
    return letter;
  }
}
