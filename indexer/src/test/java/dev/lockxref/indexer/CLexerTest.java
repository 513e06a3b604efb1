package dev.lockxref.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lexer: what it leaves out, the lines it gives, and the words it shares. */
class CLexerTest {
  private static List<String> withLines(Tokens tokens) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      out.add(tokens.text(i) + "@" + tokens.line(i));
    }
    return out;
  }

  @Test
  void commentsStringsAndPreprocessorLinesAreLeftOutAndLinesStayRight() {
    String src = """
        #define LOCK(x) \\
        \tmutex_lock(x)
        /* mutex_lock(&a);
           still a comment */
        f(s->lock, "mutex_lock(&b)\\n", '{'); // spin_lock(&c)
        p->q = 0x1fUL;
        """;
    assertThat(withLines(CLexer.tokens(src))).containsExactly(
        "f@5", "(@5", "s@5", "->@5", "lock@5", ",@5", "\"\"@5", ",@5", "''@5", ")@5", ";@5",
        "p@6", "->@6", "q@6", "=@6", "0x1fUL@6", ";@6");
  }

  @Test
  void aContinuedLineGoesOnTheSameLogicalLineSoAHashThereIsNoDirective() {
    // a macro's body, read for its calls: ##__VA_ARGS__ begins a continued line
    String src = "\tf(fmt,\t\\\n\t  ##__VA_ARGS__);\t\\\n\tg(x);\t\\\n";
    assertThat(withLines(CLexer.tokens(src))).containsExactly(
        "f@1", "(@1", "fmt@1", ",@1", "#@2", "#@2", "__VA_ARGS__@2", ")@2", ";@2", "g@3", "(@3", "x@3", ")@3", ";@3");
  }

  @Test
  void aRangeStartsAtTheLineItIsGiven() {
    String src = "int a;\nint b(void)\n{\n  c();\n}\n";
    int from = src.indexOf("int b");
    Tokens tokens = CLexer.tokens(src, from, src.length(), 2);
    assertThat(tokens.text(0)).isEqualTo("int");
    assertThat(tokens.line(0)).isEqualTo(2);
    assertThat(withLines(tokens)).contains("c@4", "}@5");
    assertThat(tokens.isIdentifier(1)).isTrue();
    assertThat(tokens.isIdentifier(2)).isFalse();
  }

  @Test
  void recentWordsGiveTheRightTextWhateverTheSlot() {
    RecentWords words = new RecentWords();
    char[] src = "spin_lock spin_lock Aa BB".toCharArray();
    String first = words.of(src, 0, 9);
    assertThat(first).isEqualTo("spin_lock");
    assertThat(words.of(src, 10, 9)).isSameAs(first);
    // "Aa" and "BB" have the same hash: they share a slot and must not be confused
    assertThat(words.of(src, 20, 2)).isEqualTo("Aa");
    assertThat(words.of(src, 23, 2)).isEqualTo("BB");
    assertThat(words.of(src, 20, 2)).isEqualTo("Aa");
  }

  @Test
  void namesShareOneCopyAcrossThreadsAndKeepDifferentWordsApart() throws Exception {
    Names names = new Names();
    String mine = names.of(new String("inode"));
    String[] theirs = new String[1];
    Thread other = new Thread(() -> theirs[0] = names.of(new String("inode")));
    other.start();
    other.join();
    assertThat(theirs[0]).isSameAs(mine);
    assertThat(names.of("Aa")).isEqualTo("Aa");
    assertThat(names.of("BB")).isEqualTo("BB");
    assertThat(names.of(null)).isNull();
  }
}
