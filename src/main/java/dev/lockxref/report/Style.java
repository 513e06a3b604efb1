package dev.lockxref.report;

/** Terminal emphasis: ANSI codes when colour is on, nothing otherwise. */
public final class Style {
  private final boolean on;

  public Style(boolean on) {
    this.on = on;
  }

  public String bold(String s) {
    return on ? "\u001b[1m" + s + "\u001b[0m" : s;
  }

  public String red(String s) {
    return on ? "\u001b[31m" + s + "\u001b[0m" : s;
  }

  public String dim(String s) {
    return on ? "\u001b[2m" + s + "\u001b[0m" : s;
  }

  public String yellow(String s) {
    return on ? "\u001b[33m" + s + "\u001b[0m" : s;
  }
}
