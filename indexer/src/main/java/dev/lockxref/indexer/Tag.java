package dev.lockxref.indexer;

/**
 * One line of Universal Ctags' JSON output, the fields lockxref reads.
 *
 * @param type "tag" or "ptag"
 * @param name the symbol
 * @param path the file, relative to the tree
 * @param line where it is defined (for a function: the line of its name)
 * @param end the last line of its body, or 0
 * @param kind function, member, struct, union, typedef, variable, local, parameter, externvar
 * @param typeref its type, e.g. {@code struct:inode *} or {@code typename:spinlock_t}
 * @param scope the enclosing struct or function
 * @param scopeKind struct, union or function
 * @param fileScope true for static (file-scope) symbols
 */
public record Tag(
    String type,
    String name,
    String path,
    int line,
    int end,
    String kind,
    String typeref,
    String scope,
    String scopeKind,
    boolean fileScope) {}
