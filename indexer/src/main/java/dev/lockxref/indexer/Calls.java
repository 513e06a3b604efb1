package dev.lockxref.indexer;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The calls of one function body, in order, kept as columns: a tree has millions of calls, and an
 * object per call (with a string per argument list) was most of what the collector had to copy.
 * {@link #get} hands out a light {@link Call} that reads them.
 */
public final class Calls extends AbstractList<Call> implements RandomAccess {
  static final Calls NONE = new Calls(new String[0], new int[0], "");

  private static final int LINE = 0;
  private static final int AFTER = 1;
  private static final int BLOCK_END = 2;
  private static final int ARGS_START = 3;
  private static final int WIDTH = 4;

  private final String[] callees;
  /** WIDTH ints a call: line, token after the call, end line of its block, start of its arguments */
  private final int[] data;
  /** Every call's argument text, one after the other */
  private final String argTexts;

  private Calls(String[] callees, int[] data, String argTexts) {
    this.callees = callees;
    this.data = data;
    this.argTexts = argTexts;
  }

  @Override
  public Call get(int i) {
    if (i < 0 || i >= callees.length) {
      throw new IndexOutOfBoundsException(i);
    }
    return new Call(this, i);
  }

  @Override
  public int size() {
    return callees.length;
  }

  String callee(int i) {
    return callees[i];
  }

  int line(int i) {
    return data[i * WIDTH + LINE];
  }

  int after(int i) {
    return data[i * WIDTH + AFTER];
  }

  int blockEnd(int i) {
    return data[i * WIDTH + BLOCK_END];
  }

  String argText(int i) {
    return argTexts.substring(argsStart(i), argsEnd(i));
  }

  /** Whether call I's argument text contains S, without copying it out. */
  boolean argsContain(int i, String s) {
    int last = argsEnd(i) - s.length();
    for (int at = argTexts.indexOf(s.charAt(0), argsStart(i)); at >= 0 && at <= last; at = argTexts.indexOf(s.charAt(0), at + 1)) {
      if (argTexts.startsWith(s, at)) {
        return true;
      }
    }
    return false;
  }

  private int argsStart(int i) {
    return data[i * WIDTH + ARGS_START];
  }

  private int argsEnd(int i) {
    return i + 1 < callees.length ? argsStart(i + 1) : argTexts.length();
  }

  /** Collects a body's calls one by one. */
  static final class Builder {
    private String[] callees = new String[8];
    private int[] data = new int[8 * WIDTH];
    private final StringBuilder argTexts = new StringBuilder();
    private int size;

    /**
     * Starts a call; its argument text is what is appended to {@link #argText()} before the next
     * call starts.
     */
    void add(String callee, int line, int after, int blockEnd) {
      if (size == callees.length) {
        callees = Arrays.copyOf(callees, size * 2);
        data = Arrays.copyOf(data, size * 2 * WIDTH);
      }
      callees[size] = callee;
      int at = size * WIDTH;
      data[at + LINE] = line;
      data[at + AFTER] = after;
      data[at + BLOCK_END] = blockEnd;
      data[at + ARGS_START] = argTexts.length();
      size++;
    }

    StringBuilder argText() {
      return argTexts;
    }

    Calls build() {
      return size == 0 ? NONE
          : new Calls(Arrays.copyOf(callees, size), Arrays.copyOf(data, size * WIDTH), argTexts.toString());
    }
  }
}
