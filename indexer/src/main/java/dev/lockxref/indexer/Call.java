package dev.lockxref.indexer;

import java.util.Arrays;
import java.util.List;

/** A call in a function body: a view of one entry of its function's {@link Calls}. */
public final class Call {
  /** Between the argument expressions of {@link #argText()}. */
  public static final char SEPARATOR = '\u0001';

  private final Calls calls;
  private final int index;

  Call(Calls calls, int index) {
    this.calls = calls;
    this.index = index;
  }

  /** The called name (a function or a function-like macro). */
  public String callee() {
    return calls.callee(index);
  }

  /** Where the call is. */
  public int line() {
    return calls.line(index);
  }

  /** The argument expressions, as text with normalised spacing, separated by {@link #SEPARATOR}. */
  public String argText() {
    return calls.argText(index);
  }

  /** Whether the argument text contains S. */
  public boolean argsContain(String s) {
    return calls.argsContain(index, s);
  }

  /** The index of the token after the call's closing parenthesis. */
  public int after() {
    return calls.after(index);
  }

  /** The line of the '}' that closes the block the call is in. */
  public int blockEnd() {
    return calls.blockEnd(index);
  }

  /** The argument expressions. */
  public List<String> args() {
    return split(argText());
  }

  /** The argument expressions of a text made of them separated by {@link #SEPARATOR}. */
  static List<String> split(String argText) {
    return argText.isEmpty() ? List.of() : Arrays.asList(argText.split(String.valueOf(SEPARATOR), -1));
  }
}
