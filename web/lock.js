"use strict";
(async () => {
  const q = lx.param("q");
  const content = document.getElementById("content");
  document.getElementById("title").textContent = q || "lock";
  if (!q) { content.replaceChildren(lx.el("p", { text: "no lock given" })); return; }
  try {
    const [answers, held] = await Promise.all([lx.api("/api/sites", { q, functions: lx.param("all") ? 0 : 60 }), lx.api("/api/held", { q, chains: 25, sites: 25, calls: 6 })]);
    content.replaceChildren();
    answers.forEach((a, i) => content.append(lock(a, held[i])));
  } catch (e) {
    lx.error(content, e);
  }

  function lock(a, h) {
    const section = lx.el("section", { class: "lock" });
    section.dataset.identity = a.identity;
    section.append(lx.el("h2", {}, lx.el("span", { class: "mono", text: a.identity }), " ",
      lx.el("span", { class: "dim", text: "(" + a.readAs + "; " + a.acquisitions + " acquisition sites)" })));
    const sites = lx.el("div", { class: "sites" });
    for (const [key, list] of Object.entries(a.byFunction)) {
      const fn = list[0].site.function;
      const card = lx.el("div", { class: "card" }, lx.el("strong", {}, lx.functionLink(fn)), " ",
        lx.sourceLink(list[0].site.file, null));
      for (const s of list) {
        const pre = lx.el("pre", { class: "excerpt" });
        s.excerpt.forEach((line, i) => {
          const n = s.firstLine + i;
          pre.append(lx.el("span", { class: n === s.site.line ? "here" : "" }, String(n).padStart(5) + "  " + line + "\n"));
        });
        card.append(lx.el("div", { class: "site" }, lx.sourceLink(s.site.file, s.site.line), " ",
          lx.el("code", { text: s.site.primitive + "(" + s.site.expression + ")" }),
          lx.el("span", { class: "tag", text: s.site.operation + ", " + s.site.mode }),
          s.site.via ? lx.el("span", { class: "tag", text: "via " + s.site.via }) : null),
          s.excerpt.length ? pre : null);
      }
      sites.append(card);
    }
    section.append(lx.el("h3", { text: "Where it is taken and released" }), sites);
    const shownFunctions = Object.keys(a.byFunction).length;
    if (a.functionCount > shownFunctions) {
      section.append(lx.el("p", {}, (a.functionCount - shownFunctions) + " more functions: ",
        lx.el("a", { href: lx.href("lock.html", { q, all: 1 }) }, "show all")));
    }
    if (h) section.append(heldPart(h));
    return section;
  }

  function heldPart(h) {
    const part = lx.el("div", { class: "held" }, lx.el("h3", { text: "What may block while it is held" }));
    const blocking = h.sites.filter(s => s.blocking.length);
    if (!blocking.length) part.append(lx.el("p", { class: "dim", text: "no call made while it is held may block" }));
    for (const s of blocking.slice(0, 25)) {
      const card = lx.el("div", { class: "card" }, lx.functionLink(s.site.function), " ", lx.sourceLink(s.site.file, s.site.line),
        lx.el("span", { class: "dim", text: "  [" + s.status + "]" }));
      for (const b of s.blocking) {
        card.append(lx.el("div", {}, "line " + b.line + " ", lx.functionLink(b.callee.replace(/^->/, "")),
          ": " + b.describe + ", " + b.distance + " calls down" + (b.otherKinds.length ? "; also " + b.otherKinds.join(", ") : "")),
          lx.chain(b.chain));
      }
      if (s.blockingCount > s.blocking.length) {
        card.append(lx.el("p", { class: "dim", text: (s.blockingCount - s.blocking.length) + " more calls that may block here" }));
      }
      part.append(card);
    }
    if (h.blockingSiteCount > 25) {
      part.append(lx.el("p", { class: "dim", text: (h.blockingSiteCount - 25) + " more sites with calls that may block (lockxref held on the command line lists them all)" }));
    }
    if (h.lockOrder.length) {
      const ul = lx.el("ul");
      const seen = new Set();
      for (const e of h.lockOrder) {
        const key = e.first + ">" + e.then;
        if (seen.has(key) || seen.size >= 30) continue;
        seen.add(key);
        ul.append(lx.el("li", {}, lx.lockLink(e.first), " then ", lx.lockLink(e.then), " at ", lx.sourceLink(e.file, e.line),
          " in ", lx.functionLink(e.function)));
      }
      part.append(lx.el("h3", { text: "Lock order" }), ul);
    }
    for (const c of h.cycles) {
      part.append(lx.el("p", { class: "warning" }, "possible deadlock with ", lx.lockLink(c.other), ": ",
        lx.sourceLink(c.thisThenOther.file, c.thisThenOther.line), " and ", lx.sourceLink(c.otherThenThis.file, c.otherThenThis.line)));
    }
    return part;
  }
})();
