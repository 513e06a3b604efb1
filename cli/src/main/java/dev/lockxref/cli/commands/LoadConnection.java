package dev.lockxref.cli.commands;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One kept-alive HTTP/1.1 connection of the load benchmark, as a browser keeps one: GET requests
 * written by hand and responses read to their end (by Content-Length or chunks) into a reused
 * buffer. A load client this lean leaves the machine's cores to the server it measures.
 */
final class LoadConnection implements AutoCloseable {
  private final String host;
  private final int port;
  private final byte[] sink = new byte[1 << 16];
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  LoadConnection(URI base) {
    this.host = base.getHost();
    this.port = base.getPort();
  }

  /** Sends GET PATH (response read later with {@link #status()}), connecting first when needed. */
  void send(String path) throws IOException {
    if (socket == null) {
      socket = new Socket(host, port);
      socket.setTcpNoDelay(true);
      in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
      out = socket.getOutputStream();
    }
    out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nAccept: application/json\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Reads the response to the last request to its end; its status code. */
  int status() throws IOException {
    String statusLine = line();
    String[] parts = statusLine.split(" ");
    if (parts.length < 2) {
      throw new IOException("not an HTTP response: " + statusLine);
    }
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String h = line(); !h.isEmpty(); h = line()) {
      String lower = h.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Long.parseLong(lower.substring(15).strip());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    if (chunked) {
      for (long size = Long.parseLong(line().split(";")[0].strip(), 16); size > 0;
          size = Long.parseLong(line().split(";")[0].strip(), 16)) {
        skip(size);
        line();
      }
      line();
    } else if (length >= 0) {
      skip(length);
    }
    if (close || length < 0 && !chunked) {
      close();
    }
    return Integer.parseInt(parts[1]);
  }

  private void skip(long bytes) throws IOException {
    for (long left = bytes; left > 0; ) {
      int n = in.read(sink, 0, (int) Math.min(sink.length, left));
      if (n < 0) {
        throw new IOException("the connection closed inside a response");
      }
      left -= n;
    }
  }

  private String line() throws IOException {
    StringBuilder b = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("the connection closed inside a response");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  @Override
  public void close() {
    try {
      if (socket != null) {
        socket.close();
      }
    } catch (IOException e) {
      // closing anyway
    }
    socket = null;
  }
}
