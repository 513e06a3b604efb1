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
  void aWordMetAgainIsTheSameStringAndDifferentWordsStayDifferent() {
    Tokens tokens = CLexer.tokens("inode_lock(inode); inode_unlock(inode); inod(inodes);");
    List<String> words = tokens.texts();
    assertThat(words).containsExactly("inode_lock", "(", "inode", ")", ";", "inode_unlock", "(", "inode", ")", ";",
        "inod", "(", "inodes", ")", ";");
    assertThat(tokens.text(7)).isSameAs(tokens.text(2));
  }

  @Test
  void recentWordsGiveTheRightTextWhatEverTheSlot() {
    RecentWords words = new RecentWords();
    String src = "spin_lock spin_lock Aa BB";
    String first = words.of(src, 0, 9);
    assertThat(words.of(src, 10, 19)).isSameAs(first);
    // "Aa" and "BB" have the same hash: they share a slot and must not be confused
    assertThat(words.of(src, 20, 22)).isEqualTo("Aa");
    assertThat(words.of(src, 23, 25)).isEqualTo("BB");
    assertThat(words.of(src.toCharArray(), 20, 2)).isEqualTo("Aa");
    char[] chars = "xx spin_lock".toCharArray();
    assertThat(words.of(chars, 3, 9)).isEqualTo("spin_lock");
  }
}
