package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Function-like macros and where their continuation lines stop; object-like ones are left out. */
class MacroFinderTest {
  private static List<String> found(String text) {
    return MacroFinder.functionLike(text, "x.h", FileScanner.lineStarts(text), new Names()).stream()
        .map(f -> f.name() + ":" + f.line() + "-" + f.end()).toList();
  }

  @Test
  void functionLikeMacrosWithTheirContinuationLines() {
    String text = """
        #define PLAIN 1
        #define start_handle(dir, mode) \\
        \t__new_inode(dir, mode, \\
        \t\tNULL)
        # define  spaced(x) do_it(x)
        #define not_a_call (x)
        static int f(void) { return define(1); }
        """;
    assertThat(found(text)).containsExactly("start_handle:2-4", "spaced:5-5");
  }

  @Test
  void aDefineInsideAnotherDirectivesContinuationIsNotOne() {
    String text = "#define OUTER(x) \\\n#define inner(y) y\nint z;\n";
    assertThat(found(text)).containsExactly("OUTER:1-2");
  }

  @Test
  void twoDefinesOnOneLineCountOnce() {
    String text = "#define redefine(x) define_it(x)\n#define last(x) x\n";
    assertThat(found(text)).containsExactly("redefine:1-1", "last:2-2");
  }

  @Test
  void aFileThatEndsInsideAMacro() {
    assertThat(found("#define open(x) \\\n  call(x) \\")).containsExactly("open:1-2");
  }
}
