package dev.lockxref.indexer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The function pointers the tree puts in structures with designated initializers
 * ({@code .create = ext4_create} in a {@code struct inode_operations}), so that a call through
 * {@code dir->i_op->create(...)} has candidates. Filled from many threads.
 */
public final class OpsTables {
  /**
   * One member set to a function.
   *
   * @param struct the aggregate the initializer fills ("struct inode_operations")
   * @param member the member set
   * @param function the function named
   * @param path the file of the initializer (a static function is looked up there first)
   */
  public record Entry(String struct, String member, String function, String path) {}

  /** "struct T" + "\0" + member -> entries */
  private final Map<String, List<Entry>> byMember = new ConcurrentHashMap<>();
  /** member -> the aggregates that have it set somewhere */
  private final Map<String, java.util.Set<String>> structsOfMember = new ConcurrentHashMap<>();

  public void addAll(List<Entry> entries) {
    for (Entry e : entries) {
      byMember.computeIfAbsent(e.struct() + "\0" + e.member(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(e);
      structsOfMember.computeIfAbsent(e.member(), k -> ConcurrentHashMap.newKeySet()).add(e.struct());
    }
  }

  /**
   * Puts each member's entries in file order (each file's in its own order), once every file is
   * in: files arrive in whatever order the threads finish them, and the first candidate of an
   * indirect call must not depend on that.
   */
  public void sortByFile() {
    byMember.values().forEach(list -> list.sort(java.util.Comparator.comparing(Entry::path)));
  }

  /** The functions set as MEMBER of STRUCT ("struct inode_operations"). */
  public List<Entry> candidates(String struct, String member) {
    return byMember.getOrDefault(struct + "\0" + member, List.of());
  }

  /** The one aggregate whose MEMBER is set anywhere, or null when none or several are. */
  public String onlyStructWith(String member) {
    java.util.Set<String> structs = structsOfMember.get(member);
    return structs != null && structs.size() == 1 ? structs.iterator().next() : null;
  }

  /** The designated initializers of aggregates in TEXT: {@code struct T name = { .m = f, ... }}. */
  public static List<Entry> scan(String text, String path) {
    List<Entry> out = new ArrayList<>();
    for (int open = text.indexOf('{'); open >= 0; open = text.indexOf('{', open + 1)) {
      int eq = previousNonSpace(text, open - 1);
      if (eq < 0 || text.charAt(eq) != '=') {
        continue;
      }
      String struct = declaredStruct(text, eq);
      if (struct == null) {
        continue;
      }
      int close = matchingBrace(text, open);
      int dot = text.indexOf('.', open);
      if (dot < 0 || dot > close) {
        open = close; // no designated initializer in there (most large tables are plain data)
        continue;
      }
      Tokens tokens = CLexer.tokens(text, open, close + 1, 1);
      for (int i = 0; i + 3 < tokens.size(); i++) {
        if (tokens.is(i, ".") && tokens.isIdentifier(i + 1) && tokens.is(i + 2, "=")) {
          int value = i + 3;
          if (tokens.is(value, "&")) {
            value++;
          }
          if (value + 1 < tokens.size() && tokens.isIdentifier(value)
              && (tokens.is(value + 1, ",") || tokens.is(value + 1, "}"))) {
            out.add(new Entry(struct, tokens.text(i + 1), tokens.text(value), path));
          }
        }
      }
      open = close;
    }
    return out;
  }

  private static int previousNonSpace(String text, int from) {
    int i = from;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    return i;
  }

  /** The "struct T" of a declaration ending at EQ ({@code static const struct T name[] =}), or null. */
  private static String declaredStruct(String text, int eq) {
    int start = eq;
    while (start > 0 && eq - start < 300) {
      char c = text.charAt(start - 1);
      if (c == ';' || c == '}' || c == '{' || c == ')' || c == '#' || c == '=' || c == '(' || c == ',') {
        break;
      }
      start--;
    }
    String[] words = text.substring(start, eq).replace("[", " [").split("\\s+");
    for (int i = 0; i + 2 < words.length; i++) {
      if (words[i].equals("struct") || words[i].equals("union")) {
        String name = words[i + 1];
        if (!name.isEmpty() && (Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
          return words[i] + " " + name;
        }
      }
    }
    return null;
  }

  private static int matchingBrace(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return text.length() - 1;
  }
}
