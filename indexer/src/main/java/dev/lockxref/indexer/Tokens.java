package dev.lockxref.indexer;

import java.util.Arrays;

/**
 * The tokens of a piece of C source, as two parallel arrays (text and 1-based line) rather than
 * one object per token: a whole tree has hundreds of millions of them.
 */
public final class Tokens {
  private String[] text;
  private int[] line;
  private int size;

  Tokens(int capacity) {
    text = new String[Math.max(8, capacity)];
    line = new int[text.length];
  }

  void add(String token, int atLine) {
    if (size == text.length) {
      text = Arrays.copyOf(text, size * 2);
      line = Arrays.copyOf(line, size * 2);
    }
    text[size] = token;
    line[size] = atLine;
    size++;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public String text(int i) {
    if (i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    return text[i];
  }

  public int line(int i) {
    if (i >= size) {
      throw new IndexOutOfBoundsException(i);
    }
    return line[i];
  }

  public boolean is(int i, String s) {
    return text(i).equals(s);
  }

  public boolean isIdentifier(int i) {
    return CLexer.identifierStart(text(i).charAt(0));
  }
}
