package dev.lockxref.cli;

import dev.lockxref.UserError;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into one line on stderr and a non-zero exit code. A stack trace is shown only
 * when LOCKXREF_DEBUG is set, and only for failures that are not the user's.
 */
final class OneLineErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
  static final int USER_ERROR = 1;
  static final int USAGE_ERROR = 2;
  static final int INTERNAL_ERROR = 3;

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println("lockxref: " + ex.getMessage());
    err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for usage.");
    return USAGE_ERROR;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (ex instanceof UserError) {
      err.println("lockxref: " + ex.getMessage());
      return USER_ERROR;
    }
    String what = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    err.println("lockxref: internal error: " + what + " (set LOCKXREF_DEBUG=1 for details)");
    if (System.getenv("LOCKXREF_DEBUG") != null) {
      ex.printStackTrace(err);
    }
    return INTERNAL_ERROR;
  }
}
