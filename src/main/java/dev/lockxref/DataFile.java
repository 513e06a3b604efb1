package dev.lockxref;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads lockxref's data files: resources of one entry a line, where blank lines and lines that
 * start with {@code #} are comments. Kernel knowledge lives in such files, not in code.
 */
public final class DataFile {
  private DataFile() {}

  /** The entries of resource NAME next to class OWNER. */
  public static List<String> lines(Class<?> owner, String name) {
    try (InputStream in = owner.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing data file " + name + " beside " + owner.getName());
      }
      return lines(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The entries of a data file's content. */
  public static List<String> lines(InputStream in) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    List<String> out = new ArrayList<>();
    for (String line; (line = r.readLine()) != null; ) {
      if (!line.isBlank() && !line.startsWith("#")) {
        out.add(line);
      }
    }
    return out;
  }

  /** Each entry of resource NAME compiled as a regular expression. */
  public static List<Pattern> patterns(Class<?> owner, String name) {
    return lines(owner, name).stream().map(Pattern::compile).toList();
  }
}
