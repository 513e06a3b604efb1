// Shared helpers of every page. Everything shown is built with createElement and textContent:
// task names, file contents and lock names are data, never markup.
"use strict";

const lx = {
  async api(path, params = {}, options = {}) {
    const url = new URL(path, location.origin);
    for (const [k, v] of Object.entries(params)) {
      if (Array.isArray(v)) v.forEach(x => url.searchParams.append(k, x));
      else if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, v);
    }
    const index = new URLSearchParams(location.search).get("index");
    if (index && !url.searchParams.has("index")) url.searchParams.set("index", index);
    const res = await fetch(url, options);
    const body = await res.json().catch(() => ({ error: res.statusText }));
    if (!res.ok) throw new Error(body.error || res.statusText);
    return body;
  },

  el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    }
    return e;
  },

  param(name) {
    return new URLSearchParams(location.search).get(name);
  },

  href(page, params) {
    const u = new URLSearchParams(params);
    const index = lx.param("index");
    if (index) u.set("index", index);
    return page + "?" + u.toString();
  },

  lockLink(identity) {
    return lx.el("a", { href: lx.href("lock.html", { q: identity }), class: "mono" }, identity);
  },

  functionLink(name) {
    return lx.el("a", { href: lx.href("function.html", { name }), class: "mono" }, name);
  },

  sourceLink(file, line, text) {
    const params = { file };
    if (line) params.line = line;
    const a = lx.el("a", { href: lx.href("source.html", params) + (line ? "#L" + line : ""), class: "mono" },
      text || (line ? file + ":" + line : file));
    return a;
  },

  error(where, err) {
    where.replaceChildren(lx.el("p", { class: "error", text: err.message }));
  },

  // One step of an evidence chain: "file:line  caller -> callee" or "caller: waiting call".
  chain(steps) {
    const ol = lx.el("ol", { class: "chain mono" });
    for (const s of steps) {
      const li = lx.el("li");
      if (s.file) li.append(lx.sourceLink(s.file, s.line > 0 ? s.line : null), " ");
      li.append(lx.functionLink(s.function));
      if (s.callee) {
        li.append(" → ", s.through ? s.through + " = " : "", lx.functionLink(s.callee));
      } else if (s.evidence) {
        li.append(": ", lx.el("strong", { text: s.evidence }));
      }
      ol.append(li);
    }
    return ol;
  },

  // The search box with suggestions as you type.
  searchBox(input, list) {
    let timer = null;
    let active = -1;
    const go = s => {
      const page = { lock: "lock.html", lockdep: "lock.html", function: "function.html", file: "source.html" }[s.kind];
      const key = s.kind === "function" ? "name" : s.kind === "file" ? "file" : "q";
      location.href = lx.href(page, { [key]: s.query });
    };
    const show = items => {
      list.replaceChildren();
      active = -1;
      for (const s of items) {
        const a = lx.el("a", { href: "#", onclick: e => { e.preventDefault(); go(s); } },
          lx.el("span", { class: "kind", text: s.kind }), lx.el("span", { class: "mono", text: s.label }));
        a.dataset.kind = s.kind;
        list.append(lx.el("li", {}, a));
      }
      list.hidden = items.length === 0;
      list.items = items;
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2) { show([]); return; }
      timer = setTimeout(() => lx.api("/api/search", { q }).then(show).catch(() => show([])), 150);
    });
    input.addEventListener("keydown", e => {
      const links = [...list.querySelectorAll("a")];
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        active = Math.max(0, Math.min(links.length - 1, active + (e.key === "ArrowDown" ? 1 : -1)));
        links.forEach((l, i) => l.classList.toggle("active", i === active));
      } else if (e.key === "Enter") {
        e.preventDefault();
        const items = list.items || [];
        if (items.length) go(items[Math.max(0, active)]);
        else if (input.value.trim()) location.href = lx.href("lock.html", { q: input.value.trim() });
      }
    });
  },

  header() {
    const h = lx.el("header", {},
      lx.el("a", { href: lx.href("index.html", {}) }, "lockxref"),
      lx.el("nav", {}, lx.el("a", { href: lx.href("index.html", {}) }, "search"),
        lx.el("a", { href: lx.href("incident.html", {}) }, "incident")));
    document.body.prepend(h);
  },
};

document.addEventListener("DOMContentLoaded", () => lx.header());
