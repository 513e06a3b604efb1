package dev.lockxref.report;

/** A count with its noun, singular for one: "1 call", "3 calls". */
public final class Counted {
  private Counted() {}

  public static String of(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
