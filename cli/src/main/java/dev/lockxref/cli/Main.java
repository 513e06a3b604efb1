package dev.lockxref.cli;

import picocli.CommandLine;

/** Entry point of the runnable jar: runs the root command and exits with its code. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(LockxrefCommand.commandLine().execute(args));
  }
}
