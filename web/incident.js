"use strict";
(() => {
  const status = document.getElementById("status");
  const result = document.getElementById("result");
  const SVG = "http://www.w3.org/2000/svg";

  function busy(text) {
    status.replaceChildren(lx.el("p", {}, lx.el("span", { class: "spinner" }), text));
  }

  function send(name, body) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open("POST", "/api/analyze?name=" + encodeURIComponent(name));
      xhr.upload.onprogress = e => {
        if (e.lengthComputable) busy("uploading " + name + ": " + Math.round(e.loaded / 1024) + " of " + Math.round(e.total / 1024) + " KiB");
      };
      xhr.upload.onload = () => busy("reading and joining " + name + " with the source...");
      xhr.onload = () => {
        let doc = {};
        try { doc = JSON.parse(xhr.responseText); } catch (e) { doc = { error: xhr.statusText }; }
        if (xhr.status === 200) resolve(doc); else reject(new Error(doc.error || ("HTTP " + xhr.status)));
      };
      xhr.onerror = () => reject(new Error("the upload failed"));
      xhr.send(body);
    });
  }

  async function analyze(name, body) {
    busy("uploading " + name + "...");
    try {
      const r = await send(name, body);
      history.pushState({}, "", lx.href("incident.html", { id: r.id }));
      await show(r.id);
    } catch (e) {
      lx.error(status, e);
    }
  }

  document.getElementById("upload").addEventListener("click", () => {
    const f = document.getElementById("file").files[0];
    if (f) analyze(f.name, f);
  });
  document.getElementById("analyze-paste").addEventListener("click", () => {
    const text = document.getElementById("paste").value;
    if (text.trim()) analyze("pasted.txt", new Blob([text], { type: "text/plain" }));
  });

  (async () => {
    const box = document.getElementById("server-captures");
    const files = await lx.api("/api/captures").catch(() => []);
    if (!files.length) return;
    const ul = lx.el("ul");
    for (const f of files) {
      ul.append(lx.el("li", {}, lx.el("a", { href: "#", class: "mono", onclick: async e => {
        e.preventDefault();
        busy("reading " + f + "...");
        try {
          const r = await lx.api("/api/captures/open", { file: f }, { method: "POST" });
          history.pushState({}, "", lx.href("incident.html", { id: r.id }));
          await show(r.id);
        } catch (err) { lx.error(status, err); }
      } }, f)));
    }
    box.replaceChildren(lx.el("p", { text: "or open one of the server's captures:" }), ul);
  })();

  async function show(id) {
    busy("loading...");
    let doc;
    try {
      doc = await lx.api("/api/incidents/" + encodeURIComponent(id));
    } catch (e) {
      lx.error(status, e);
      return;
    }
    status.replaceChildren();
    document.getElementById("input").hidden = true;
    result.replaceChildren(summary(doc), groups(doc), verdicts(doc), profile(doc));
  }

  function summary(doc) {
    const caps = doc.captures.map(c => c.source + " (" + c.formats.join(" + ") + ", " + c.taskCount + " tasks)").join("; ");
    return lx.el("p", { id: "summary" }, lx.el("strong", { text: doc.taskCount + " tasks" }), " in ", caps,
      doc.captures[0] && doc.captures[0].kernelRelease ? ", kernel " + doc.captures[0].kernelRelease : "");
  }

  function groups(doc) {
    const section = lx.el("section", { id: "groups" }, lx.el("h2", { text: "What the tasks are doing" }));
    if (!doc.groups.length) section.append(lx.el("p", { class: "dim", text: "no task stacks in this capture" }));
    const max = Math.max(1, ...doc.groups.map(g => g.count));
    for (const g of doc.groups.slice(0, 15)) {
      const blocked = (g.states.D || 0) > 0;
      const states = Object.entries(g.states).map(([s, n]) => n + " " + s).join(", ");
      section.append(lx.el("div", { class: "group" },
        lx.el("div", {}, lx.el("div", { class: "bar" + (blocked ? "" : " calm"), style: "width:" + Math.max(2, 100 * g.count / max) + "%" })),
        lx.el("div", {}, lx.el("strong", { text: String(g.count) }), " ", lx.el("span", { class: "dim", text: states })),
        lx.el("div", {}, g.activityText, g.waitsIn ? " in " + g.waitsIn : "", " at ", lx.functionLink(g.waitSite),
          lx.el("div", { class: "dim mono", text: g.frames.join(" < ") }),
          lx.el("div", { class: "dim", text: "tasks " + g.comms.join(", ") + (g.pids.length ? "; pids " + g.pids.slice(0, 10).join(" ") : "") }))));
    }
    if (doc.groups.length > 15) section.append(lx.el("p", { class: "dim", text: (doc.groups.length - 15) + " more groups" }));
    return section;
  }

  // a capture of a contention profile alone has no waiting tasks: its join is the profile's
  function profileOnly(doc) {
    return doc.index && !doc.taskCount && !doc.contended.length && (doc.lockStats || []).length > 0;
  }

  function verdicts(doc) {
    if (profileOnly(doc)) return "";
    const section = lx.el("section", { id: "verdicts" }, lx.el("h2", { text: "Contended locks" }));
    if (doc.indexWarning) section.append(lx.el("p", { class: "warning", text: doc.indexWarning }));
    if (!doc.index) return section;
    if (!doc.contended.length) section.append(lx.el("p", { class: "dim", text: "no group of tasks waits for a lock the index knows" }));
    for (const v of doc.contended) section.append(verdict(v));
    for (const c of doc.waitChains || []) section.append(lx.el("p", { class: "warning", text: "waiting chain: " + c }));
    for (const c of doc.cycles || []) section.append(lx.el("p", { class: "error", text: "deadlock: " + c.join(" → ") + " → " + c[0] }));
    return section;
  }

  // the contended rows of the captures' contention profiles, each with the lock the index says it is
  function profile(doc) {
    const rows = [];
    const position = {};
    for (const s of doc.lockStats || []) {
      const row = position[s.capture] = (position[s.capture] ?? -1) + 1;
      if (s.contended !== 0) rows.push({ stat: s, key: s.capture + "/" + row });
    }
    if (!rows.length) return "";
    const locks = {};
    for (const p of doc.profile || []) locks[p.capture + "/" + p.row] = p;
    const table = lx.el("table", {}, lx.el("tr", {}, lx.el("th", { text: "contended" }), lx.el("th", { text: "type" }),
      lx.el("th", { text: "caller or lock" }), lx.el("th", { text: "total wait" }), lx.el("th", { text: "lock in the source" })));
    for (const { stat, key } of rows.slice(0, 40)) {
      const lock = locks[key];
      const where = lock ? lx.el("td", {}, lx.lockLink(lock.identity), lock.file ? " taken at " : "",
        lock.file ? lx.sourceLink(lock.file, lock.line) : "", lx.el("span", { class: "tag", text: lock.confidence })) : lx.el("td", { class: "dim", text: "not in the index" });
      const tr = lx.el("tr", { class: "profile-row" }, lx.el("td", { text: stat.contended < 0 ? "" : String(stat.contended) }),
        lx.el("td", { text: stat.type || "" }), lx.el("td", { class: "mono", text: stat.name }), lx.el("td", { text: stat.totalWait || "" }), where);
      if (lock) tr.dataset.identity = lock.identity;
      table.append(tr);
    }
    const section = lx.el("section", { id: "profile" }, lx.el("h2", { text: "Lock contention profile" }));
    if (profileOnly(doc) && doc.indexWarning) section.append(lx.el("p", { class: "warning", text: doc.indexWarning }));
    section.append(table);
    if (rows.length > 40) section.append(lx.el("p", { class: "dim", text: (rows.length - 40) + " more contended rows" }));
    return section;
  }

  function verdict(v) {
    const box = lx.el("div", { class: "card verdict" });
    box.dataset.identity = v.identity;
    box.append(lx.el("h3", {}, lx.lockLink(v.identity), " ", lx.el("span", { class: "dim", text: "(" + v.kind + ")" })));
    box.append(picture(v));
    box.append(words(v));
    const sites = lx.el("ul", { class: "sites" });
    for (const s of v.sites) {
      const li = lx.el("li", { class: "site" }, "taken at ", lx.sourceLink(s.file, s.line), " in ", lx.functionLink(s.function),
        " ", lx.el("code", { text: s.primitive + "(" + s.expression + ")" }), lx.el("span", { class: "tag", text: s.confidence }),
        lx.el("div", { class: "dim", text: s.why }));
      sites.append(li);
    }
    box.append(lx.el("h4", { text: "Acquire sites" }), sites);
    const holders = lx.el("div", { class: "holders" }, lx.el("h4", { text: "Holder candidates" }));
    if (!v.holders.length) holders.append(lx.el("p", { class: "dim", text: "none found" }));
    for (const h of v.holders.slice(0, 5)) {
      const d = lx.el("div", { class: "holder" },
        lx.el("strong", { text: "#" + h.rank + " " + h.comm + "/" + h.pid }), " ", h.state,
        lx.el("span", { class: "tag " + h.source, text: h.source === "kernel" ? "the kernel says so" : "inferred" }),
        lx.el("span", { class: "tag " + (h.activityId || ""), text: h.activity }),
        h.heldIn ? lx.el("div", { class: "dim", text: "holds it in " + h.heldIn }) : null,
        h.waitsFor ? lx.el("div", {}, "and waits for ", lx.lockLink(h.waitsFor)) : null,
        lx.chain(h.chain));
      d.dataset.pid = h.pid;
      holders.append(d);
    }
    box.append(holders);
    if (v.blockingWhileHeld.length) {
      const ul = lx.el("ul");
      for (const b of v.blockingWhileHeld) {
        ul.append(lx.el("li", {}, lx.el("span", { class: "mono", text: b.site }), ": ", lx.functionLink(b.callee),
          " (line " + b.line + ") " + b.describe + ", " + b.distance + " calls down"));
      }
      box.append(lx.el("h4", { text: "May block while held" }), ul);
    }
    const takers = lx.el("table", {}, lx.el("tr", {}, lx.el("th", { text: "other taker" }), lx.el("th", { text: "site" }), lx.el("th", { text: "tasks there now" })));
    for (const t of v.otherTakers.slice(0, 12)) {
      takers.append(lx.el("tr", {}, lx.el("td", {}, lx.functionLink(t.function)), lx.el("td", {}, lx.sourceLink(t.file, t.lines[0])),
        lx.el("td", { text: t.tasksNow ? String(t.tasksNow) : "" })));
    }
    box.append(lx.el("h4", {}, "Other paths that take it (" + v.otherTakers.length + "; ", lx.lockLink(v.identity), ")"), takers);
    for (const n of v.notes) box.append(lx.el("p", { class: "dim", text: "note: " + n }));
    return box;
  }

  function words(v) {
    const p = lx.el("p", { class: "words" });
    const site = v.sites[0];
    p.append(String(v.waiters.distinct) + " tasks wait for ", lx.el("code", { text: v.identity }));
    if (site) p.append(" at ", lx.sourceLink(site.file, site.line), " (", lx.functionLink(site.function), ")");
    p.append(". ");
    const h = v.holders[0];
    if (h) {
      p.append("The most likely holder is ", lx.el("strong", { text: h.comm + "/" + h.pid }), " (" + h.state + "), ",
        h.source === "kernel" ? "as the kernel says, " : "", "which is " + h.activity);
      const last = h.chain[h.chain.length - 1];
      if (last && last.evidence) p.append(" in ", lx.functionLink(last.function), ": ", lx.el("code", { text: last.evidence }));
      p.append(".");
    } else {
      p.append("No task of the capture is inside a held region of it.");
    }
    return p;
  }

  // waiter groups -> lock -> holder -> what the holder waits on, with counts on the edges
  function picture(v) {
    const groups = v.waiters.waitSites.slice(0, 5);
    const rows = Math.max(groups.length, 1);
    const height = Math.max(140, rows * 52 + 30);
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 1000 " + height);
    svg.setAttribute("role", "img");
    const node = (x, y, w, text, sub, color) => {
      const g = document.createElementNS(SVG, "g");
      const r = document.createElementNS(SVG, "rect");
      Object.entries({ x, y, width: w, height: 40, rx: 6, fill: "#fff", stroke: color, "stroke-width": 2 }).forEach(([k, val]) => r.setAttribute(k, val));
      const t = document.createElementNS(SVG, "text");
      t.setAttribute("x", x + 8); t.setAttribute("y", y + 17); t.setAttribute("font-size", "13");
      t.textContent = text.length > 34 ? text.slice(0, 33) + "…" : text;
      const s = document.createElementNS(SVG, "text");
      s.setAttribute("x", x + 8); s.setAttribute("y", y + 33); s.setAttribute("font-size", "11"); s.setAttribute("fill", "#5d6675");
      s.textContent = sub.length > 40 ? sub.slice(0, 39) + "…" : sub;
      g.append(r, t, s);
      svg.append(g);
    };
    const edge = (x1, y1, x2, y2, label) => {
      const l = document.createElementNS(SVG, "line");
      Object.entries({ x1, y1, x2, y2, stroke: "#8892a0", "stroke-width": 2 }).forEach(([k, val]) => l.setAttribute(k, val));
      svg.append(l);
      if (label) {
        const t = document.createElementNS(SVG, "text");
        t.setAttribute("x", (x1 + x2) / 2 - 10); t.setAttribute("y", (y1 + y2) / 2 - 4); t.setAttribute("font-size", "12");
        t.textContent = label;
        svg.append(t);
      }
    };
    const mid = height / 2 - 20;
    groups.forEach((site, i) => {
      const y = 15 + i * 52;
      node(10, y, 220, site, "waiters", "#c0392b");
      edge(230, y + 20, 330, mid + 20, "");
    });
    node(330, mid, 250, v.identity, v.kind + ", " + v.waiters.distinct + " tasks waiting", "#7d3c98");
    const h = v.holders[0];
    if (h) {
      edge(580, mid + 20, 660, mid + 20, "held by");
      node(660, mid, 150, h.comm + "/" + h.pid, h.state + ", " + h.source, "#1e8449");
      edge(810, mid + 20, 850, mid + 20, "");
      const last = h.chain[h.chain.length - 1];
      node(850, mid, 145, h.activityId || "?", last && last.evidence ? last.evidence : h.activity, "#d68910");
    } else {
      node(660, mid, 150, "no holder found", "", "#9aa5b1");
    }
    return svg;
  }

  const id = lx.param("id");
  if (id) show(id);
})();
