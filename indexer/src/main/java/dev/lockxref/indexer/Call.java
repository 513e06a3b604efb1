package dev.lockxref.indexer;

import java.util.Arrays;
import java.util.List;

/**
 * A call in a function body. Its arguments are kept as one string (there are millions of calls in a
 * tree) and split when asked.
 *
 * @param callee the called name (a function or a function-like macro)
 * @param line where the call is
 * @param argText the argument expressions, as text with normalised spacing, separated by {@link #SEPARATOR}
 * @param after the index of the token after the call's closing parenthesis
 * @param blockEnd the line of the '}' that closes the block the call is in
 * @param leavesBlock the block has a return, goto, break or continue after the call: the code after
 *     the block is not reached from the call through it (an unlock before an early return)
 */
public record Call(String callee, int line, String argText, int after, int blockEnd, boolean leavesBlock) {
  public static final char SEPARATOR = '\u0001';
  private static final int SHARED_ARGS = 48;

  public static Call of(Names names, String callee, int line, List<String> args, int after, int blockEnd, boolean leavesBlock) {
    String text = String.join(String.valueOf(SEPARATOR), args);
    // the same short argument lists ("inode", "sb", "&inode->i_lock") come back millions of times
    return new Call(names.of(callee), line, text.length() <= SHARED_ARGS ? names.of(text) : text, after, blockEnd, leavesBlock);
  }

  /** The argument expressions. */
  public List<String> args() {
    if (argText.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(argText.split(String.valueOf(SEPARATOR), -1));
  }
}
