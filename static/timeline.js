/* timeline.js: what the built-in theme adds when JavaScript runs; every
   page is whole without it. A filter kept in the address (?track=&tag=),
   j/k between events, an overview on a proportional axis with zoom, and a
   highlight for a #slug link. No framework, no build step. */
// Not indented, so that the file stays under 10 KB.
(() => {
"use strict";
const tl = document.querySelector(".timeline");
const entries = tl ? [...tl.querySelectorAll(".entry")] : [];
if (!entries.length) return;
tl.classList.add("tl-js");
const el = (tag, cls = "", text = "") => Object.assign(document.createElement(tag), { className: cls, textContent: text });
const attrs = (e, a) => { for (const k in a) e.setAttribute(k, a[k]); return e; };
// A button shows its text, or a symbol and a name for screen readers.
const btn = (text, name, fn) => {
  const b = Object.assign(el("button", "", name ? "" : text), { type: "button", onclick: fn });
  if (name) b.append(attrs(el("span", "", text), { "aria-hidden": "true" }), el("span", "visually-hidden", name));
  return b;
};
const tagsOf = e => (e.dataset.tags || "").split(" ").filter(Boolean);

// Tracks and tags by slug, named as the entries' own links name them.
const names = { track: new Map(), tag: new Map() }, counts = { track: {}, tag: {} };
for (const a of tl.querySelectorAll(".entry a.track, .entry a.tag")) {
  const kind = a.classList.contains("track") ? "track" : "tag";
  const slug = a.getAttribute("href").split("/").filter(Boolean).pop();
  if (!names[kind].has(slug)) names[kind].set(slug, a.lastChild.textContent.trim());
}
for (const e of entries)
  for (const [kind, slug] of [["track", e.dataset.track], ...tagsOf(e).map(t => ["tag", t])])
    if (slug) counts[kind][slug] = (counts[kind][slug] || 0) + 1;

// The filter bar, if there is a choice.
const tools = el("div", "tl-tools"), status = el("output");
const bar = attrs(el("div", "tl-bar"), { role: "group", "aria-label": "Filter the events" });
const select = (kind, label) => {
  if (names[kind].size < 2) return null;
  const l = el("label", "", label), s = Object.assign(el("select"), { name: kind, onchange: () => apply(true) });
  s.append(new Option("All", ""));
  for (const [slug, name] of [...names[kind]].sort((a, b) => a[1].localeCompare(b[1])))
    s.append(new Option(name + " (" + counts[kind][slug] + ")", slug));
  l.append(s);
  bar.append(l);
  return s;
};
const selTrack = select("track", "Track"), selTag = select("tag", "Tag");
if (selTrack || selTag) {
  bar.append(btn("Show all", "", () => { setFilter("", ""); apply(true); }), status);
  tools.append(bar);
}
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
    const ok = (!track || e.dataset.track === track) && (!tag || tagsOf(e).includes(tag));
    e.hidden = !ok;
    if (ok) shown++;
    marks.get(e)?.classList.toggle("off", !ok);
  }
  const filtered = !!(track || tag), n = entries.length;
  tl.classList.toggle("is-filtered", filtered);
  for (const y of tl.querySelectorAll(".year")) y.hidden = filtered && !y.querySelector(".entry:not([hidden])");
  status.textContent = !filtered ? "" : shown ? "Showing " + shown + " of " + n + " events" : "No events match";
  if (push) {
    const u = new URL(location.href);
    for (const [k, v] of [["track", track], ["tag", tag]]) v ? u.searchParams.set(k, v) : u.searchParams.delete(k);
    if (u.href !== location.href) history.pushState(null, "", u);
  }
}
addEventListener("popstate", () => { fromURL(); apply(false); });

// The overview: every event on a proportional axis, one row per track.
// It returns its scrolling box and what draws it to its width.
const marks = new Map();
const overview = () => {
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
  const ov = el("div", "tl-ov"), grid = el("div", "tl-ov-grid"), axis = el("div", "tl-ov-axis");
  const labels = attrs(el("div", "tl-ov-labels"), { "aria-hidden": "true" });
  const inner = attrs(el("div", "tl-ov-track"), { "aria-hidden": "true" });
  const sc = attrs(el("div", "tl-ov-scroll"), { tabindex: 0, role: "group", "aria-label": "Overview: + and − zoom, arrows scroll" });
  const rows = new Map();
  for (const slug of ["", ...[...names.track.keys()].sort()]) {
    if (slug ? !counts.track[slug] : entries.every(e => e.dataset.track)) continue;
    rows.set(slug, inner.appendChild(el("div", "tl-ov-row")));
    labels.append(el("div", "", slug ? names.track.get(slug) : "Other"));
  }
  labels.hidden = rows.size < 2;
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
    Object.assign(m, { title: e.querySelector("time").textContent + ": " + e.querySelector("h3").textContent, onclick: () => go(e) });
    rows.get(e.dataset.track || "").append(m);
    marks.set(e, m);
  }
  inner.append(axis);
  sc.append(inner);
  grid.append(labels, sc);

  // Ticks each year, decade or century as room allows, or each month.
  const ms = (y, m) => new Date(0).setUTCFullYear(y, m, 1);
  const month = new Intl.DateTimeFormat(document.documentElement.lang || "en", { month: "short", timeZone: "UTC" });
  // Years as the page writes them; deep time in short: "541M years ago".
  const compact = new Intl.NumberFormat(document.documentElement.lang || "en", { notation: "compact", maximumFractionDigits: 1 });
  const yearName = y => y < -999998 ? compact.format(1 - y) + " years ago" : y < 1 ? 1 - y + " BC" : String(y);
  const zoomText = el("span");
  let zoom = 1;
  const draw = () => {
    const width = sc.clientWidth * zoom, perYear = width / (hi - lo);
    inner.style.width = width + "px";
    axis.textContent = "";
    const tick = (t, text) => {
      const x = (t - lo) * perYear;
      if (x < 0 || x > width - 32) return; // no room for its label
      axis.appendChild(el("div", "tl-ov-tick", text)).style.left = x + "px";
    };
    if (perYear >= 12 * 44) {
      for (let y = Math.floor(lo); y <= hi; y++)
        for (let m = 0; m < 12; m++)
          tick(y + (ms(y, m) - ms(y, 0)) / (ms(y + 1, 0) - ms(y, 0)), m ? month.format(ms(y, m)) : yearName(y));
    } else {
      // Past a thousand years a tick, the next 1, 2 or 5 times a power of
      // ten that leaves room: deep time spans billions of years.
      // Its labels ("13.8B years ago") need more room.
      const room = lo < -999998 ? 120 : 48;
      const nice = p => [1, 2, 5, 10].map(f => f * p).find(s => s * perYear >= room);
      const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].find(s => s * perYear >= room) ||
        nice(10 ** Math.floor(Math.log10(room / perYear)));
      for (let y = Math.ceil(lo / step) * step; y <= hi; y += step) tick(y, yearName(y));
    }
    zoomText.textContent = "×" + zoom;
  };
  // Zoom around the current event if in view, else the middle.
  const zoomBy = f => {
    const m = marks.get(cur), x = m ? m.offsetLeft - sc.scrollLeft : -1;
    const mid = (x >= 0 && x <= sc.clientWidth ? m.offsetLeft : sc.scrollLeft + sc.clientWidth / 2) / inner.offsetWidth;
    zoom = Math.min(Math.max(zoom * f, 1), 1024);
    draw();
    sc.scrollLeft = mid * inner.offsetWidth - sc.clientWidth / 2;
  };
  sc.onkeydown = ev => {
    const f = { "+": 2, "=": 2, "-": 0.5, "−": 0.5 }[ev.key];
    if (f) { zoomBy(f); ev.preventDefault(); }
  };
  const keys = el("span", "tl-keys");
  keys.innerHTML = "<kbd>j</kbd> <kbd>k</kbd> next and previous event";
  const bottom = el("div", "tl-ov-tools");
  bottom.append(btn("−", "Zoom out", () => zoomBy(0.5)), btn("+", "Zoom in", () => zoomBy(2)),
    btn("Whole span", "", () => zoomBy(0)), zoomText, keys);
  ov.append(grid, bottom);
  tools.append(ov);
  addEventListener("resize", draw);
  return [sc, draw];
};
const [sc, draw] = entries.length > 1 ? overview() : [];
if (tools.firstChild) tl.before(tools);
if (draw) draw();

// The current event (deep link, j/k) is highlighted, here and in the
// overview, and its #slug is in the address.
let cur = null;
const highlight = e => {
  cur?.classList.remove("is-highlighted");
  marks.get(cur)?.classList.remove("cur");
  (cur = e).classList.add("is-highlighted");
  const m = marks.get(e);
  if (m) {
    m.classList.add("cur");
    sc.scrollLeft = m.offsetLeft - sc.clientWidth / 2;
  }
};
function go(e, focus = true) {
  if (e.hidden) {
    setFilter("", "");
    apply(true);
  }
  highlight(e);
  history.replaceState(null, "", "#" + e.id);
  // "auto" is smooth unless motion is reduced (style.css).
  e.scrollIntoView({ block: "center", behavior: focus ? "auto" : "instant" });
  if (focus) e.querySelector("h3 a").focus({ preventScroll: true });
}
const fromHash = focus => {
  const e = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (entries.includes(e)) go(e, focus);
};
addEventListener("hashchange", () => fromHash(true));
document.addEventListener("keydown", ev => {
  const dir = { j: 1, k: -1 }[ev.key];
  if (!dir || ev.altKey || ev.ctrlKey || ev.metaKey || ev.target.closest("input,select,textarea,[contenteditable]")) return;
  const shown = entries.filter(e => !e.hidden);
  if (!shown.length) return;
  const at = document.activeElement.closest(".entry");
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

// Print unfolds the sources where CSS cannot (no ::details-content).
for (const [ev, print] of [["beforeprint", true], ["afterprint", false]])
  addEventListener(ev, () => {
    for (const d of tl.querySelectorAll(".cites")) print ? (d.dataset.was = d.open, d.open = 1) : (d.open = d.dataset.was == "true");
  });

fromURL();
apply(false);
fromHash(false);
})();
