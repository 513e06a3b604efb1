package dev.lockxref;

/**
 * A failure caused by the user's input or environment. Its message is one line that says what went
 * wrong, where, and what to do; the CLI and the server show it as it is, without a stack trace.
 */
public class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
