/* timeline.js: what the built-in theme adds when JavaScript runs. Every
   page is whole without it; this only adds filtering in place (kept in the
   URL as ?track=&tag=), j/k to move between events, an overview of the
   whole span on a proportional axis with zoom, and a highlight for the
   event a #slug link points to. No framework, no build step. */
(() => {
  "use strict";
  const tl = document.querySelector(".timeline");
  const entries = tl ? [...tl.querySelectorAll(".entry")] : [];
  if (!entries.length) return;
  tl.classList.add("tl-js");
  const smooth = matchMedia("(prefers-reduced-motion: reduce)").matches ? "instant" : "smooth";
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  };
  // A button shows text, or a symbol with its name for screen readers.
  const btn = (text, name, fn) => {
    const b = el("button", "", name ? "" : text);
    b.type = "button";
    if (name) {
      b.append(el("span", "", text), el("span", "visually-hidden", name));
      b.firstChild.setAttribute("aria-hidden", "true");
    }
    b.onclick = fn;
    return b;
  };

  // Tracks and tags by slug, named as the entries' own links name them.
  const names = { track: new Map(), tag: new Map() }, counts = { track: {}, tag: {} };
  for (const a of tl.querySelectorAll(".entry a.track, .entry a.tag")) {
    const kind = a.classList.contains("track") ? "track" : "tag";
    const slug = a.getAttribute("href").split("/").filter(Boolean).pop();
    if (!names[kind].has(slug)) names[kind].set(slug, a.lastChild.textContent.trim());
  }
  for (const e of entries) {
    if (e.dataset.track) counts.track[e.dataset.track] = (counts.track[e.dataset.track] || 0) + 1;
    for (const t of (e.dataset.tags || "").split(" ").filter(Boolean)) counts.tag[t] = (counts.tag[t] || 0) + 1;
  }

  // The filter bar.
  const tools = el("div", "tl-tools"), bar = el("div", "tl-bar");
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", "Filter the events");
  const select = (kind, label) => {
    if (!names[kind].size) return null;
    const l = el("label", "", label), s = el("select");
    s.name = kind;
    s.append(new Option("All", ""));
    for (const [slug, name] of [...names[kind]].sort((a, b) => a[1].localeCompare(b[1])))
      s.append(new Option(name + " (" + counts[kind][slug] + ")", slug));
    s.onchange = () => apply(true);
    l.append(s);
    bar.append(l);
    return s;
  };
  const selTrack = select("track", "Track"), selTag = select("tag", "Tag");
  const status = el("output");
  bar.append(btn("Show all", "", () => { setFilter("", ""); apply(true); }), status);
  tools.append(bar);

  const setFilter = (track, tag) => {
    if (selTrack) selTrack.value = names.track.has(track) ? track : "";
    if (selTag) selTag.value = names.tag.has(tag) ? tag : "";
  };
  const fromURL = () => {
    const q = new URLSearchParams(location.search);
    setFilter(q.get("track") || "", q.get("tag") || "");
  };
  function apply(push) {
    const track = selTrack ? selTrack.value : "", tag = selTag ? selTag.value : "";
    let shown = 0;
    for (const e of entries) {
      const ok = (!track || e.dataset.track === track) &&
        (!tag || (" " + (e.dataset.tags || "") + " ").includes(" " + tag + " "));
      e.hidden = !ok;
      if (ok) shown++;
      if (marks.has(e)) marks.get(e).classList.toggle("off", !ok);
    }
    const filtered = !!(track || tag);
    tl.classList.toggle("is-filtered", filtered);
    for (const s of tl.querySelectorAll(".year")) s.hidden = filtered && !s.querySelector(".entry:not([hidden])");
    status.textContent = filtered ? (shown ? "Showing " + shown + " of " + entries.length + " events" : "No events match") : entries.length + " events";
    if (push) {
      const u = new URL(location.href);
      for (const [k, v] of [["track", track], ["tag", tag]]) v ? u.searchParams.set(k, v) : u.searchParams.delete(k);
      if (u.href !== location.href) history.pushState(null, "", u);
    }
  }
  addEventListener("popstate", () => { fromURL(); apply(false); });

  // The overview: every event on a proportional axis, one row per track.
  const marks = new Map();
  const span = e => [+e.dataset.from, e.dataset.to ? +e.dataset.to : null];
  let lo = Infinity, hi = -Infinity;
  for (const e of entries) {
    const [a, b] = span(e);
    lo = Math.min(lo, a);
    hi = Math.max(hi, b == null ? a : b);
  }
  const pad = Math.max((hi - lo) * 0.02, 1 / 24);
  lo -= pad;
  hi += pad;
  const ov = el("div", "tl-ov"), grid = el("div", "tl-ov-grid"), labels = el("div", "tl-ov-labels");
  const sc = el("div", "tl-ov-scroll"), inner = el("div", "tl-ov-track"), axis = el("div", "tl-ov-axis");
  labels.setAttribute("aria-hidden", "true");
  inner.setAttribute("aria-hidden", "true");
  sc.tabIndex = 0;
  sc.setAttribute("role", "group");
  sc.setAttribute("aria-label", "Overview of the whole span; + and − zoom, arrows scroll");
  const rows = new Map();
  for (const slug of ["", ...[...names.track.keys()].sort()]) {
    if (slug ? !counts.track[slug] : !entries.some(e => !e.dataset.track)) continue;
    const r = el("div", "tl-ov-row");
    rows.set(slug, r);
    inner.append(r);
    labels.append(el("div", "", slug ? names.track.get(slug) : "Other"));
  }
  if (rows.size < 2) labels.hidden = true;
  for (const e of entries) {
    const [a, b] = span(e), m = el("div", "tl-ov-mark");
    const end = e.classList.contains("is-ongoing") ? hi : b;
    m.style.left = (a - lo) / (hi - lo) * 100 + "%";
    if (end != null) {
      m.classList.add("range");
      m.style.width = (end - a) / (hi - lo) * 100 + "%";
    }
    if (end === hi) m.classList.add("ongoing");
    for (const c of e.classList) if (c.startsWith("track-")) m.classList.add(c);
    m.dataset.id = e.id;
    m.title = e.querySelector("time").textContent + ": " + e.querySelector("h3").textContent;
    m.onclick = () => go(e);
    rows.get(e.dataset.track || "").append(m);
    marks.set(e, m);
  }
  inner.append(axis);
  sc.append(inner);
  grid.append(labels, sc);

  const ms = (y, m) => new Date(0).setUTCFullYear(y, m, 1);
  const frac = (y, m) => y + (ms(y, m) - ms(y, 0)) / (ms(y + 1, 0) - ms(y, 0));
  const month = new Intl.DateTimeFormat(document.documentElement.lang || "en", { month: "short", timeZone: "UTC" });
  const yearName = y => y < 1 ? (1 - y) + " BC" : String(y);
  let zoom = 1;
  const zoomText = el("span");
  function draw() {
    const width = sc.clientWidth * zoom, perYear = width / (hi - lo);
    inner.style.width = width + "px";
    axis.textContent = "";
    const tick = (t, text) => {
      const x = (t - lo) * perYear, d = el("div", "tl-ov-tick", text);
      if (x > width - 32) return; // no room left for its label
      d.style.left = x + "px";
      axis.append(d);
    };
    if (perYear >= 12 * 44) {
      for (let y = Math.floor(lo); y <= hi; y++)
        for (let m = 0; m < 12; m++) {
          const t = frac(y, m);
          if (t >= lo && t <= hi) tick(t, m ? month.format(ms(y, m)) : yearName(y));
        }
    } else {
      const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000].find(s => s * perYear >= 48) || 10000;
      for (let y = Math.ceil(lo / step) * step; y <= hi; y += step) tick(y, yearName(y));
    }
    zoomText.textContent = "×" + zoom;
  }
  const zoomBy = f => {
    const z = Math.min(Math.max(zoom * f, 1), 1024);
    if (z === zoom) return;
    const mid = (sc.scrollLeft + sc.clientWidth / 2) / inner.offsetWidth;
    zoom = z;
    draw();
    sc.scrollLeft = mid * inner.offsetWidth - sc.clientWidth / 2;
  };
  sc.addEventListener("keydown", ev => {
    const f = { "+": 2, "=": 2, "-": 0.5, "−": 0.5 }[ev.key];
    if (f) { zoomBy(f); ev.preventDefault(); }
  });
  const keys = el("span", "tl-keys");
  keys.innerHTML = "<kbd>j</kbd> <kbd>k</kbd> next and previous event";
  const zt = el("div", "tl-ov-tools");
  zt.append(btn("−", "Zoom out", () => zoomBy(0.5)), btn("+", "Zoom in", () => zoomBy(2)),
    btn("Whole span", "", () => { zoom = 1; draw(); }), zoomText, keys);
  ov.append(grid, zt);
  tools.append(ov);
  tl.before(tools);
  draw();
  addEventListener("resize", draw);

  // Deep links and keyboard navigation: the current event is highlighted
  // here and in the overview, and its #slug is in the address bar.
  let cur = null;
  function highlight(e) {
    if (cur) {
      cur.classList.remove("is-highlighted");
      marks.get(cur).classList.remove("cur");
    }
    cur = e;
    e.classList.add("is-highlighted");
    const m = marks.get(e);
    m.classList.add("cur");
    sc.scrollLeft = m.offsetLeft - sc.clientWidth / 2;
  }
  function go(e, focus = true) {
    if (e.hidden) {
      setFilter("", "");
      apply(true);
    }
    highlight(e);
    history.replaceState(null, "", "#" + e.id);
    e.scrollIntoView({ block: "center", behavior: focus ? smooth : "instant" });
    if (focus) e.querySelector("h3 a").focus({ preventScroll: true });
  }
  const fromHash = focus => {
    const e = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (e && marks.has(e)) go(e, focus);
  };
  addEventListener("hashchange", () => fromHash(true));
  document.addEventListener("keydown", ev => {
    const dir = { j: 1, k: -1 }[ev.key];
    if (!dir || ev.altKey || ev.ctrlKey || ev.metaKey || ev.target.closest("input, select, textarea, [contenteditable]")) return;
    const shown = entries.filter(e => !e.hidden);
    if (!shown.length) return;
    const at = document.activeElement.closest && document.activeElement.closest(".entry");
    let i = shown.indexOf(at && !at.hidden ? at : cur);
    if (i < 0) {
      // Nothing chosen yet: start from what is on screen.
      i = shown.findIndex(e => e.getBoundingClientRect().top >= 0);
      if (i < 0) i = shown.length;
      if (dir > 0) i--;
    }
    ev.preventDefault();
    go(shown[Math.min(Math.max(i + dir, 0), shown.length - 1)]);
  });

  // Sources are folded on screen; unfold them for print.
  addEventListener("beforeprint", () => {
    for (const d of tl.querySelectorAll("details:not([open])")) { d.open = true; d.dataset.tlPrint = ""; }
  });
  addEventListener("afterprint", () => {
    for (const d of tl.querySelectorAll("details[data-tl-print]")) { d.open = false; delete d.dataset.tlPrint; }
  });

  fromURL();
  apply(false);
  fromHash(false);
})();
