package dev.lockxref.index;

import dev.lockxref.UserError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers "what else takes this lock": turns a query (an identity, a bare member or global name, a
 * lockdep class name, or FILE:LINE of a lock site) into identities and their sites.
 */
public final class WhoTakes {
  /** The answer for one identity: how the query was read, and every site of the lock. */
  public record Answer(String identity, String readAs, List<LockSite> sites) {
    public List<LockSite> acquisitions() {
      return sites.stream().filter(s -> s.operation().equals("acquire") || s.operation().equals("try")).toList();
    }

    /** This answer with only the sites that take the lock (what who-takes prints). */
    public Answer acquiring() {
      return new Answer(identity, readAs, acquisitions());
    }
  }

  private final LockIndex index;

  public WhoTakes(LockIndex index) {
    this.index = index;
  }

  public List<Answer> ask(String query) {
    Reading r = read(query);
    List<Answer> out = new ArrayList<>();
    for (String id : r.identities()) {
      out.add(new Answer(id, r.readAs(), index.sitesOf(id)));
    }
    if (out.isEmpty()) {
      throw new UserError("no lock matches '" + query.strip() + "' in the index of " + index.info().label() + suggestions(query.strip()));
    }
    return out;
  }

  /** How a query was read, and the identities it names (none when nothing matches). */
  public record Reading(String readAs, Set<String> identities) {}

  /** The identities QUERY names, read as who-takes reads it; no sites, no suggestions. */
  public Reading read(String query) {
    String q = query.strip();
    String readAs;
    Set<String> identities = new LinkedHashSet<>();
    int colon = q.lastIndexOf(':');
    if (colon > 0 && q.substring(colon + 1).matches("\\d+") && (q.contains("/") || q.contains("."))) {
      readAs = "lock site at " + q;
      index.sitesAt(q.substring(0, colon), Integer.parseInt(q.substring(colon + 1))).forEach(s -> identities.add(s.identity()));
    } else if (q.startsWith("struct ") || q.startsWith("union ") || q.startsWith("global ") || q.startsWith("unresolved ")) {
      readAs = "identity";
      if (!index.sitesOf(q).isEmpty()) {
        identities.add(q);
      }
    } else if (q.startsWith("&") || q.contains("->") || q.contains("#") || q.contains("(")) {
      readAs = "lockdep class " + q;
      identities.addAll(index.identitiesOfLockdepClass(q.replaceAll("^\\(|\\)$", "")));
    } else {
      readAs = "lock named " + q;
      identities.addAll(index.identitiesNamed(q));
    }
    return new Reading(readAs, identities);
  }

  private static final Pattern INSIDE_A_GLOBAL = Pattern.compile("^\\((\\w+)\\)\\..*");

  private String suggestions(String q) {
    // a lock inside a global, as lockdep names it: "(console_sem).lock" is console_sem's own
    Matcher inside = INSIDE_A_GLOBAL.matcher(q);
    String bare = inside.matches() ? inside.group(1)
        : q.replaceAll("^.*[.>&]", "").replaceAll("[#/].*$", "").replaceAll("\\s.*$", "");
    List<String> near = bare.isEmpty() ? List.of() : index.nearest(IndexSchema.LOCK_NAME, bare, 5);
    return near.isEmpty() ? "" : "; nearest names: " + String.join(", ", near);
  }
}
