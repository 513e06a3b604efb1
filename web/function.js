"use strict";
(async () => {
  const name = lx.param("name");
  const content = document.getElementById("content");
  document.getElementById("title").textContent = name || "function";
  if (!name) { content.replaceChildren(lx.el("p", { text: "no function given" })); return; }
  try {
    const f = await lx.api("/api/function", { name });
    content.replaceChildren();
    const defs = lx.el("ul");
    f.definitions.forEach(d => defs.append(lx.el("li", {}, lx.sourceLink(d.file, d.line), d.fileScope ? " (static)" : "")));
    content.append(lx.el("h2", { text: "Defined at" }), defs);
    const sites = lx.el("ul");
    f.lockSites.forEach(s => sites.append(lx.el("li", {}, lx.sourceLink(s.file, s.line), " ",
      lx.el("code", { text: s.primitive + "(" + s.expression + ")" }), " ", s.operation + " ", lx.lockLink(s.identity))));
    content.append(lx.el("h2", { text: "Lock operations" }), f.lockSites.length ? sites : lx.el("p", { class: "dim", text: "none" }));
    for (const d of f.blocking) {
      content.append(lx.el("h2", { text: "May block (" + d.file + ")" }));
      const kinds = Object.entries(d.chains);
      if (!kinds.length) content.append(lx.el("p", { class: "dim", text: "no call down from it waits" }));
      for (const [kind, chain] of kinds) content.append(lx.el("h3", { text: kind + ", " + chain.length + " calls down" }), lx.chain(chain));
    }
    const edges = (list, other) => {
      const ul = lx.el("ul");
      list.slice(0, 200).forEach(e => ul.append(lx.el("li", {}, lx.sourceLink(e.file, e.line), " ",
        lx.functionLink(other(e)), e.through ? " (" + e.through + ")" : "")));
      if (list.length > 200) ul.append(lx.el("li", { class: "dim", text: (list.length - 200) + " more" }));
      return ul;
    };
    content.append(lx.el("h2", { text: "Callers (" + f.callers.length + ")" }), edges(f.callers, e => e.caller));
    content.append(lx.el("h2", { text: "Callees (" + f.callees.length + ")" }), edges(f.callees, e => e.callee));
  } catch (e) {
    lx.error(content, e);
  }
})();
