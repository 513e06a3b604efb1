package dev.lockxref.cli;

/** Decides once whether output goes to a person at a terminal (colour, progress) or to a pipe. */
public final class Terminal {
  private Terminal() {}

  /** True when stdout is a terminal and the user did not ask for no colour. */
  public static boolean colour() {
    return System.console() != null && System.getenv("NO_COLOR") == null && !"dumb".equals(System.getenv("TERM"));
  }
}
