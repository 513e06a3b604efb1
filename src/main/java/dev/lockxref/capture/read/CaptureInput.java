package dev.lockxref.capture.read;

import dev.lockxref.UserError;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.XZInputStream;

/** Opens a capture from a file or standard input ("-"), unpacking gzip and xz by their magic bytes. */
public final class CaptureInput {
  private static final byte[] GZIP = {(byte) 0x1f, (byte) 0x8b};
  private static final byte[] XZ = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};

  private CaptureInput() {}

  /** Opens NAME, "-" being standard input. The caller closes the stream. */
  public static InputStream open(String name) {
    try {
      InputStream raw;
      if (name.equals("-")) {
        raw = System.in;
      } else {
        Path p = Path.of(name);
        if (Files.isDirectory(p)) {
          throw new UserError(name + ": is a directory; give capture files (or - for standard input)");
        }
        raw = Files.newInputStream(p);
      }
      return unpack(raw, name);
    } catch (NoSuchFileException e) {
      throw new UserError(name + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UserError(name + ": permission denied");
    } catch (IOException e) {
      throw new UserError(name + ": cannot read: " + e.getMessage());
    }
  }

  /** Wraps a stream so that gzip or xz content is unpacked and anything else passes as it is. */
  public static InputStream unpack(InputStream raw, String name) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(8);
    byte[] head = in.readNBytes(6);
    in.reset();
    if (startsWith(head, GZIP)) {
      return new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    if (startsWith(head, XZ)) {
      return new BufferedInputStream(new XZInputStream(in), 1 << 16);
    }
    return in;
  }

  private static boolean startsWith(byte[] head, byte[] magic) {
    if (head.length < magic.length) {
      return false;
    }
    for (int i = 0; i < magic.length; i++) {
      if (head[i] != magic[i]) {
        return false;
      }
    }
    return true;
  }
}
