package dev.lockxref.indexer;

import java.util.ArrayList;
import java.util.List;

/**
 * The other identities a lock is known by where it sits in a struct embedded in another:
 * {@code struct address_space.i_pages.xa_lock} is a {@code struct xarray.xa_lock}, which the
 * xarray's own functions drop and take again ({@code __xas_nomem}).
 */
final class EmbeddedLocks {
  private final Definitions defs;
  private final java.util.Map<String, List<String>> known = new java.util.concurrent.ConcurrentHashMap<>();

  EmbeddedLocks(Definitions defs) {
    this.defs = defs;
  }

  /** IDENTITY itself, then its form in each embedded struct of its member chain, outermost first. */
  List<String> formsOf(String identity) {
    return known.computeIfAbsent(identity, this::find);
  }

  private List<String> find(String identity) {
    List<String> out = new ArrayList<>();
    out.add(identity);
    if (!identity.startsWith("struct ") && !identity.startsWith("union ")) {
      return out;
    }
    int space = identity.indexOf(' ');
    String[] parts = identity.substring(space + 1).split("\\.");
    String type = identity.substring(0, space) + " " + parts[0];
    for (int i = 1; i < parts.length - 1; i++) {
      String member = parts[i];
      if (member.endsWith("[]")) {
        member = member.substring(0, member.length() - 2);
      }
      CType t = defs.resolveTypedefs(CType.ofTyperef(defs.memberType(type, member)));
      if (t == null || !t.isAggregate() || t.pointers() > 0) {
        break;
      }
      type = t.aggregateName();
      out.add(type + "." + String.join(".", java.util.Arrays.asList(parts).subList(i + 1, parts.length)));
    }
    return List.copyOf(out);
  }
}
