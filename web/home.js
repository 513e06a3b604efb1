"use strict";
(async () => {
  lx.searchBox(document.getElementById("q"), document.getElementById("suggestions"));
  const indexes = document.getElementById("indexes");
  try {
    const list = await lx.api("/api/indexes");
    const table = lx.el("table", {}, lx.el("tr", {}, ...["version", "tree", "functions", "lock sites", "built"].map(t => lx.el("th", { text: t }))));
    for (const i of list) {
      table.append(lx.el("tr", {},
        lx.el("td", {}, lx.el("a", { href: "index.html?index=" + encodeURIComponent(i.label) }, i.label)),
        lx.el("td", { class: "mono", text: i.tree }),
        lx.el("td", { text: String(i.functions) }),
        lx.el("td", { text: i.sites + " (" + Math.round(100 * i.resolvedSites / Math.max(1, i.sites)) + "% resolved)" }),
        lx.el("td", { text: i.created })));
    }
    indexes.replaceChildren(table);
  } catch (e) {
    lx.error(indexes, e);
  }
  const recent = document.getElementById("recent");
  try {
    const list = await lx.api("/api/incidents");
    if (!list.length) {
      recent.replaceChildren(lx.el("p", { class: "dim", text: "none yet on this server" }));
      return;
    }
    const ul = lx.el("ul");
    for (const r of list) {
      ul.append(lx.el("li", {}, lx.el("a", { href: lx.href("incident.html", { id: r.id }) }, r.name),
        " ", lx.el("span", { class: "dim", text: r.tasks + " tasks" + (r.topLock ? ", waiting for " + r.topLock : "") })));
    }
    recent.replaceChildren(ul);
  } catch (e) {
    lx.error(recent, e);
  }
})();
