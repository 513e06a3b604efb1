package dev.lockxref.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the jar's version from its manifest, or "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = VersionProvider.class.getPackage().getImplementationVersion();
    return new String[] {"lockxref " + (v == null ? "dev" : v)};
  }
}
