"use strict";
(async () => {
  const file = lx.param("file");
  const content = document.getElementById("content");
  document.getElementById("title").textContent = file || "source";
  if (!file) { content.replaceChildren(lx.el("p", { text: "no file given" })); return; }
  const KEYWORDS = new Set(("auto break case char const continue default do double else enum extern float for goto if inline int long " +
    "register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while bool true false NULL").split(" "));
  try {
    const src = await lx.api("/api/source", { file });
    const linked = new Set(src.linked);
    const siteLines = new Map();
    for (const s of src.sites) {
      if (!siteLines.has(s.line)) siteLines.set(s.line, []);
      siteLines.get(s.line).push(s);
    }
    const table = lx.el("table");
    let inComment = false;
    src.lines.forEach((text, i) => {
      const n = i + 1;
      const row = lx.el("tr", { id: "L" + n });
      const code = lx.el("td");
      inComment = colour(text, code, inComment, linked);
      row.append(lx.el("td", { class: "n" }, lx.el("a", { href: "#L" + n, text: String(n) })), code);
      const sites = siteLines.get(n);
      if (sites) {
        row.classList.add("site");
        const s = sites[0];
        row.title = s.identity;
        code.append(lx.el("span", { class: "tag" }, lx.el("a", { href: lx.href("lock.html", { q: s.identity }), text: s.operation + " " + s.identity })));
      }
      table.append(row);
    });
    content.replaceChildren(lx.el("p", { class: "dim", text: src.lines.length + " lines, " + src.sites.length + " lock sites, index " + src.index }),
      lx.el("div", { class: "source" }, table));
    const line = lx.param("line") || (location.hash.startsWith("#L") ? location.hash.slice(2) : null);
    const target = line ? document.getElementById("L" + line) : null;
    if (target) {
      target.classList.add("target");
      target.scrollIntoView({ block: "center" });
    }
  } catch (e) {
    lx.error(content, e);
  }

  // C colouring, line by line: comments, strings, preprocessor lines, keywords, numbers, and links
  // on the names the index defines as functions. Text nodes only.
  function colour(text, td, inComment, linked) {
    if (!inComment && /^\s*#/.test(text)) {
      td.append(lx.el("span", { class: "tok-pp", text }));
      return false;
    }
    const re = /(\/\*|\*\/|\/\/.*$|"(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'|\b[A-Za-z_]\w*\b|\b\d\w*\b)/g;
    let last = 0;
    let m;
    let comment = inComment;
    let commentStart = inComment ? 0 : -1;
    while ((m = re.exec(text)) !== null) {
      const tok = m[0];
      if (comment) {
        if (tok === "*/") {
          td.append(lx.el("span", { class: "tok-cm", text: text.slice(commentStart, m.index + 2) }));
          last = m.index + 2;
          comment = false;
        }
        continue;
      }
      td.append(text.slice(last, m.index));
      last = m.index + tok.length;
      if (tok === "/*") { comment = true; commentStart = m.index; continue; }
      if (tok.startsWith("//")) td.append(lx.el("span", { class: "tok-cm", text: tok }));
      else if (tok.startsWith("\"") || tok.startsWith("'")) td.append(lx.el("span", { class: "tok-str", text: tok }));
      else if (/^\d/.test(tok)) td.append(lx.el("span", { class: "tok-num", text: tok }));
      else if (KEYWORDS.has(tok)) td.append(lx.el("span", { class: "tok-kw", text: tok }));
      else if (linked.has(tok)) td.append(lx.el("a", { class: "tok-fn", href: lx.href("function.html", { name: tok }), text: tok }));
      else td.append(tok);
    }
    if (comment) {
      td.append(lx.el("span", { class: "tok-cm", text: text.slice(commentStart) }));
      return true;
    }
    td.append(text.slice(last));
    return false;
  }
})();
