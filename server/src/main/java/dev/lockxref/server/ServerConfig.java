package dev.lockxref.server;

import java.nio.file.Path;
import java.util.List;

/**
 * How the server runs.
 *
 * @param indexes the index folders served (the first is the default)
 * @param captures a folder of capture files the incident page can open, or null
 * @param bind the address to listen on (loopback unless asked)
 * @param port the port (0: any free one)
 * @param uploadLimit the largest capture upload, in bytes
 */
public record ServerConfig(List<Path> indexes, Path captures, String bind, int port, long uploadLimit) {
  public static final String LOOPBACK = "127.0.0.1";
  public static final long DEFAULT_UPLOAD_LIMIT = 64L * 1024 * 1024;

  public ServerConfig {
    indexes = List.copyOf(indexes);
  }
}
