package dev.lockxref.indexer;

import java.util.List;

/**
 * A call in a function body.
 *
 * @param callee the called name (a function or a function-like macro)
 * @param line where the call is
 * @param args the argument expressions, as text with normalised spacing
 * @param tokenIndex where the callee's token is in the file's token list
 * @param after the index of the token after the call's closing parenthesis
 */
public record Call(String callee, int line, List<String> args, int tokenIndex, int after) {}
