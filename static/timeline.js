/* timeline.js: what the built-in theme adds when JavaScript runs; every
   page is whole without it. One filter kept in the address (?track=&tag=)
   that the chips and the list share, j/k between events, a highlight for
   a #slug link, and on the home page a time axis drawn on a canvas from
   /axis.json. No framework, no build step. */
(() => {
"use strict";
const doc = document, tl = doc.querySelector(".timeline");
// The embed snippets (About and event pages) get a copy button each, in
// the words the section gives.
for (const pre of doc.querySelectorAll(".embed-code pre")) {
  const say = pre.closest(".embed-code").dataset;
  const b = Object.assign(doc.createElement("button"), { type: "button", className: "copy", textContent: say.copy || "Copy the code" });
  b.onclick = () => navigator.clipboard.writeText(pre.textContent).then(() => { b.textContent = say.copied || "Copied"; },
    () => getSelection().selectAllChildren(pre));
  pre.after(b);
}
const entries = tl ? [...tl.querySelectorAll(".entry")] : [];
if (!entries.length) return;
tl.classList.add("tl-js");
// The embed (/embed/) is the home page in a frame: the same list, axis
// and filter, without the chips; it leaves the frame's history alone.
const embed = doc.body.classList.contains("kind-embed"), home = embed || doc.body.classList.contains("kind-home");
const src = doc.currentScript && doc.currentScript.src;
const el = (tag, cls = "", text = "") => Object.assign(doc.createElement(tag), { className: cls, textContent: text });
const attrs = (e, a) => { for (const k in a) e.setAttribute(k, a[k]); return e; };
const btn = (text, name, fn) => {
  const b = Object.assign(el("button", "", name ? "" : text), { type: "button", onclick: fn });
  if (name) b.append(attrs(el("span", "", text), { "aria-hidden": "true" }), el("span", "visually-hidden", name));
  return b;
};
const tagsOf = e => (e.dataset.tags || "").split(" ").filter(Boolean);
// The page's language: a page not in English hands its strings, its tag
// and its direction in data-i18n on the list; these are the defaults.
const L = Object.assign({ lang: "en", dir: "ltr",
  axis_label: "Time axis of {n} events. The list below is the same chronology.",
  axis_help: "Left and right arrows choose an event, Enter opens it in the list, plus and minus zoom, Page Up and Page Down move along the axis, 0 shows the whole span.",
  axis_hint: "Drag to move · Ctrl + scroll to zoom", axis_role: "time axis", zoom_in: "Zoom in", zoom_out: "Zoom out",
  whole_span: "Whole span", now: "Now", showing: "Showing {shown} of {n} events: {what}", no_match: "No events match {what}.",
  clear_tag: "Clear the tag", show_all: "Show all", of: "{k} of {n}", and: "and",
  bc: "{year} BC", million_years_ago: "{n} million years ago", billion_years_ago: "{n} billion years ago" }, JSON.parse(tl.dataset.i18n || "{}"));
const say = (key, v) => L[key].replace(/\{(\w+)\}/g, (m, k) => k in v ? v[k] : m);
const num = n => n.toLocaleString(L.lang);
const RTL = L.dir == "rtl";

// The data: /axis.json on the home page, which knows every event even
// where a condensed home page lists a few; elsewhere, or where it cannot
// be fetched (a page opened from a disk), the entries themselves.
const fromDOM = () => {
  const tracks = new Map(), tags = new Map(), years = [], D = { tracks: [], tags: [], years, eras: [], events: [], now: null };
  const term = (map, list, slug, name) => {
    if (!map.has(slug)) map.set(slug, list.push({ slug, name: name || slug }) - 1);
    return map.get(slug);
  };
  for (const a of tl.querySelectorAll(".entry a.track")) term(tracks, D.tracks, a.getAttribute("href").split("/").filter(Boolean).pop(), a.lastChild.textContent.trim());
  for (const e of entries) {
    const sec = e.closest(".year"), h = sec && sec.querySelector("h2");
    let y = years.findIndex(x => x.sec === sec);
    if (y < 0) y = years.push({ sec, slug: h ? h.id.slice(2) : "", url: h && h.querySelector("a") ? h.querySelector("a").getAttribute("href") : "" }) - 1;
    const to = e.dataset.to ? +e.dataset.to : null, ongoing = e.classList.contains("is-ongoing");
    D.events.push([+e.dataset.from, to, e.dataset.track ? term(tracks, D.tracks, e.dataset.track) : -1, tagsOf(e).map(t => term(tags, D.tags, t)),
      (e.classList.contains("is-featured") ? 1 : 0) | (ongoing ? 2 : 0), e.id, e.querySelector("h3").textContent.trim(), e.querySelector("time").textContent, y]);
  }
  return D;
};
const load = async () => {
  if (home && src) try {
    const r = await fetch(new URL("axis.json", src));
    if (r.ok) return await r.json();
  } catch (e) { /* a page from a disk: the entries will do */ }
  return fromDOM();
};

// The events, each with its track's and tags' slugs for the filter.
let D, evs = [];
const prepare = data => {
  D = data;
  evs = D.events.map(([from, to, tr, tg, f, slug, title, date, y], i) => ({
    i, from, to, tr, tg, slug, title, date, y, feat: f & 1, ongoing: !!(f & 2),
    ts: tr < 0 ? "" : D.tracks[tr].slug, gs: tg.map(t => D.tags[t].slug),
  }));
  if (D.now == null) D.now = Math.max(...evs.map(e => e.to || e.from));
};

// One filter, in the address: a track and a tag, each or both or none.
const state = { track: "", tag: "" };
const matches = (ts, gs, s = state) => (!s.track || ts === s.track) && (!s.tag || gs.includes(s.tag));
const fromURL = () => {
  const q = new URLSearchParams(location.search);
  state.track = q.get("track") || "";
  state.tag = q.get("tag") || "";
};
const nameOf = (kind, slug) => ((kind === "track" ? D.tracks : D.tags).find(t => t.slug === slug) || { name: slug }).name;
const withQuery = href => {
  const u = new URL(href, location.href);
  for (const k of ["track", "tag"]) state[k] ? u.searchParams.set(k, state[k]) : u.searchParams.delete(k);
  return u.href;
};

// The bar: the chips of the page filter in place, with counts that follow
// the other filter, and a line that says what is shown.
const nav = doc.querySelector(".filters");
const status = attrs(el("p", "tl-status"), { role: "status" });
const chips = nav ? [...nav.querySelectorAll("a[data-track], a[data-tag]")] : [];
let tagList = nav && nav.querySelector("ul.tags");
const chipKind = a => a.dataset.track != null ? "track" : "tag";
const chipClick = ev => {
  const a = ev.currentTarget, kind = chipKind(a), slug = a.dataset[kind];
  ev.preventDefault();
  state[kind] = state[kind] === slug ? "" : slug;
  apply(true);
};
const wireChip = a => { attrs(a, { role: "button", "aria-pressed": "false" }).addEventListener("click", chipClick); chips.includes(a) || chips.push(a); };

function apply(push) {
  const filtered = !!(state.track || state.tag);
  for (const e of entries) e.hidden = !matches(e.dataset.track || "", tagsOf(e));
  tl.classList.toggle("is-filtered", filtered);
  // Until the data comes, the entries on the page are all there is.
  if (!D) {
    for (const sec of tl.querySelectorAll(".year")) sec.hidden = filtered && !sec.querySelector(".entry:not([hidden])");
    return;
  }
  const n = evs.length, byYear = new Map();
  let shown = 0;
  for (const e of evs) if (matches(e.ts, e.gs)) { shown++; byYear.set(e.y, (byYear.get(e.y) || 0) + 1); }
  for (const sec of tl.querySelectorAll(".year")) {
    const h = sec.querySelector("h2"), slug = h ? h.id.replace(/^y-/, "") : "", count = sec.querySelector(".count");
    const y = D.years.findIndex(x => x.slug === slug), k = byYear.get(y) || 0, all = sec.dataset.all || (sec.dataset.all = count ? count.textContent : "");
    sec.hidden = filtered && !k && !sec.querySelector(".entry:not([hidden])");
    if (count) count.textContent = filtered && y >= 0 ? say("of", { k: num(k), n: all }) : all;
  }
  // Counts: a chip says how many events it would show with the other filter.
  for (const a of chips) {
    const kind = chipKind(a), slug = a.dataset[kind], s = { ...state, [kind]: slug };
    let c = 0;
    for (const e of evs) if (matches(e.ts, e.gs, s)) c++;
    const on = state[kind] === slug, nEl = a.querySelector(".n");
    a.setAttribute("aria-pressed", on);
    a.classList.toggle("is-empty", !c && !on);
    if (nEl) nEl.firstChild.textContent = num(c);
  }
  status.textContent = "";
  if (filtered) {
    const what = [state.track && nameOf("track", state.track), state.tag && "#" + nameOf("tag", state.tag)].filter(Boolean).join(" " + L.and + " ");
    status.append(shown ? say("showing", { shown: num(shown), n: num(n), what }) : say("no_match", { what }));
    if (!shown && state.track && state.tag) status.append(" ", btn(L.clear_tag, "", () => { state.tag = ""; apply(true); }));
    status.append(" ", btn(L.show_all, "", () => { state.track = state.tag = ""; apply(true); }));
  }
  // Year links keep the filter, and so does the embed's link to the site.
  for (const a of doc.querySelectorAll(".timeline .year h2 a, .timeline .more a, .embed-full a")) a.href = withQuery(a.getAttribute("href"));
  if (push) {
    const u = withQuery(location.href);
    if (u !== location.href) history[embed ? "replaceState" : "pushState"](null, "", u);
  }
  if (ax) ax.filter();
  doc.dispatchEvent(new CustomEvent("timeline:filter", { detail: { track: state.track, tag: state.tag } }));
}
addEventListener("popstate", () => { fromURL(); apply(false); });

// The current event (deep link, j/k, the axis) is highlighted, and its
// #slug is in the address.
let cur = null, ax = null;
const highlight = e => {
  cur?.classList.remove("is-highlighted");
  (cur = e).classList.add("is-highlighted");
  if (ax) ax.select(e.id, false);
};
function go(e, focus = true) {
  if (e.hidden) { state.track = state.tag = ""; apply(true); }
  highlight(e);
  history.replaceState(null, "", "#" + e.id);
  // "auto" is smooth unless motion is reduced (style.css). The embed
  // scrolls its own frame only, never the page around it.
  const behavior = focus ? "auto" : "instant", r = e.getBoundingClientRect();
  if (embed) scrollBy({ top: r.top + r.height / 2 - innerHeight / 2, behavior });
  else e.scrollIntoView({ block: "center", behavior });
  if (focus) e.querySelector("h3 a").focus({ preventScroll: true });
}
const fromHash = focus => {
  const e = doc.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (entries.includes(e)) go(e, focus);
};
addEventListener("hashchange", () => fromHash(true));
doc.addEventListener("keydown", ev => {
  const dir = { j: 1, k: -1 }[ev.key];
  if (!dir || ev.altKey || ev.ctrlKey || ev.metaKey || ev.target.closest("input,select,textarea,canvas,[contenteditable]")) return;
  const shown = entries.filter(e => !e.hidden);
  if (!shown.length) return;
  const at = doc.activeElement.closest(".entry");
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

// The time axis: every event that passes the filter, on a canvas, to
// scale, with long empty stretches folded as the list folds them. Marks
// are stacked in rows so that none overlaps another, labelled where the
// title fits; what finds no row shows in the density strip below them.
// Geometry is in "u": years, but a folded stretch is short.
const axis = (box, opts) => {
  const LANE = 20, DENS = 14, RULER = 22, ERA = D.eras.length ? 18 : 0;
  const font = f => (f ? "600 12.5px " : "12px ") + "system-ui, sans-serif";
  const yearMs = y => new Date(0).setUTCFullYear(y, 0, 1);
  const toMs = t => { const y = Math.floor(t), a = yearMs(y); return a + (t - y) * (yearMs(y + 1) - a); };
  const toT = ms => { const y = new Date(ms).getUTCFullYear(), a = yearMs(y); return y + (ms - a) / (yearMs(y + 1) - a); };
  // Formatters are slow to make: one for each form, kept.
  const fmts = {}, fmt = (o, t) => (fmts[JSON.stringify(o)] ||= new Intl.DateTimeFormat(L.lang == "en" ? "en-GB" : L.lang, { timeZone: "UTC", ...o })).format(t);
  const yearName = y => {
    const bc = 1 - y;
    if (bc >= 1e9) return say("billion_years_ago", { n: num(+(bc / 1e9).toFixed(2)) });
    if (bc >= 1e6) return say("million_years_ago", { n: num(+(bc / 1e6).toFixed(2)) });
    return y < 1 ? say("bc", { year: num(bc) }) : y >= 1e4 ? num(y) : String(y);
  };

  // Folds: a stretch with no start or end in it longer than a twentieth
  // of the whole becomes a short break. T and U are the breakpoints.
  const pts = [];
  for (const e of evs) pts.push(e.from, e.to ?? e.from), e.ongoing && pts.push(D.now);
  pts.sort((a, b) => a - b);
  const lo = pts[0], hi = pts[pts.length - 1], whole = hi - lo || 1 / 12, folds = [];
  for (let i = 1; i < pts.length; i++) if (pts[i] - pts[i - 1] > whole / 20) folds.push([pts[i - 1], pts[i]]);
  const kept = whole - folds.reduce((s, [a, b]) => s + b - a, 0), fw = Math.max(kept, 1 / 52) * 0.05;
  const T = [lo], U = [0];
  for (const [a, b] of folds) T.push(a, b), U.push(U[U.length - 1] + a - T[T.length - 3], 0), U[U.length - 1] = U[U.length - 2] + fw;
  T.push(hi), U.push(U[U.length - 1] + hi - T[T.length - 2]);
  const map = (X, Y, v) => {
    const n = X.length - 1;
    if (v <= X[0]) return Y[0] + v - X[0];
    if (v >= X[n]) return Y[n] + v - X[n];
    let i = 0, j = n;
    while (j - i > 1) { const m = (i + j) >> 1; X[m] <= v ? i = m : j = m; }
    return Y[i] + (v - X[i]) * (Y[j] - Y[i]) / (X[j] - X[i] || 1);
  };
  const uOf = t => map(T, U, t), tOf = u => map(U, T, u);
  const pad = (U[U.length - 1] || 1 / 12) * 0.04 + 1 / 365;
  const F0 = -pad, F1 = U[U.length - 1] + pad, MINW = 6 / 8766;
  for (const e of evs) {
    e.u0 = uOf(e.from);
    e.u1 = uOf(e.ongoing ? D.now : e.to ?? e.from);
    e.span = e.ongoing || e.to != null;
  }
  const uNow = uOf(D.now), eras = D.eras.map(([title, a, b]) => [title, uOf(a), uOf(b ?? D.now)]);

  // The canvas, its controls and what it says to a screen reader.
  const head = el("div", "tl-axis-head"), range = el("p", "tl-range");
  range.append(el("span"), el("span", "tl-zoom"));
  const help = attrs(el("p", "visually-hidden", L.axis_help), { id: "tl-axis-help" });
  const cv = attrs(el("canvas"), { tabindex: 0, role: "group", "aria-roledescription": L.axis_role, "aria-describedby": "tl-axis-help",
    "aria-label": say("axis_label", { n: num(evs.length) }) });
  const live = attrs(el("p", "visually-hidden"), { "aria-live": "polite" });
  const tip = attrs(el("div", "tl-tip"), { hidden: "" });
  const wrap = el("div", "tl-canvas");
  const ctx = cv.getContext("2d"), ctxFill = ctx.fillText;
  wrap.append(cv, tip);
  head.append(range, el("span", "tl-hint", L.axis_hint), btn("−", L.zoom_out, () => zoomKey(0.5)), btn("+", L.zoom_in, () => zoomKey(2)), btn(L.whole_span, "", () => set(F0, F1)));
  box.append(head, wrap, help, live);
  box.classList.add("tl-axis");

  let titled = [], W = 0, H = 0, NL = 5, v0 = F0, v1 = F1, sel = null, onScreen = new Set(), touched = 0;
  let shown = evs, sorted = [], spans = [], layouts = new Map(), drawn = [], labels = [], nowBox = null, colours = {};
  const theme = () => {
    const cs = getComputedStyle(box);
    for (const k of ["fg", "muted", "line", "bg", "card", "focus", "rail", "mark", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7"]) colours[k] = cs.getPropertyValue("--" + k).trim();
  };
  const colour = e => e.tr < 0 ? colours.muted : colours["t" + ((D.tracks[e.tr].colour || 0) % 8)];
  const size = () => {
    W = wrap.clientWidth;
    NL = W < 600 ? 4 : 7;
    H = ERA + NL * LANE + 6 + DENS + RULER;
    const r = devicePixelRatio || 1;
    cv.width = W * r;
    cv.height = H * r;
    cv.style.height = H + "px";
    ctx.setTransform(r, 0, 0, r, 0, 0);
    // Right to left, time runs from right to left: the axis is drawn in
    // its own left-to-right terms through a mirror, and its text is
    // written the right way round where the mirror puts it.
    if (RTL) {
      ctx.setTransform(-r, 0, 0, r, W * r, 0);
      ctx.fillText = (s, x, y) => {
        const a = ctx.textAlign == "start" ? "left" : ctx.textAlign == "end" ? "right" : ctx.textAlign, w = ctx.measureText(s).width;
        ctx.save();
        ctx.setTransform(r, 0, 0, r, 0, 0);
        ctx.textAlign = a;
        ctxFill.call(ctx, s, a == "center" ? W - x : a == "right" ? W - x + w : W - x - w, y);
        ctx.restore();
      };
    }
    layouts.clear();
  };

  // Layout at a zoom level (a power of two), for a window of three views
  // around the view: each mark takes a row where it fits, measured at the
  // level's scale, so that marks only grow apart as the zoom grows within
  // it. Spans are cut to the window, so that a long one takes a row only
  // where it is seen. A title runs on to the next mark of its row, and the
  // row chosen is the one that cuts the fewest titles short.
  const lw = e => e.lw ?? (ctx.font = font(e.feat), e.lw = ctx.measureText(e.title).width);
  const layout = (level, at) => {
    const vw = (F1 - F0) / 2 ** level, cell = Math.floor((at - F0) / vw), key = level + ":" + cell;
    let L = layouts.get(key);
    if (L) return L;
    if (layouts.size > 40) layouts.clear();
    const k = W / vw, long = vw / 3, w0 = F0 + (cell - 1) * vw, w1 = w0 + 3 * vw;
    L = Array.from({ length: NL }, () => ({ a: [], b: [], r: [], p: [] }));
    const after = (l, a) => {
      let i = 0, j = l.b.length;
      while (i < j) { const m = (i + j) >> 1; l.b[m] <= a ? i = m + 1 : j = m; }
      return i;
    };
    // In phases, each in time order: key events; long spans, in the top
    // rows only (or they would fill every row); the rest; then long spans
    // that found no row, wherever they fit. A phase appends to its rows
    // and is merged into them when done, so nothing is inserted midway.
    const isLong = e => !e.feat && Math.min(e.u1, w1) - Math.max(e.u0, w0) >= long, nLong = Math.max(1, NL / 3 | 0), left = [];
    const inWin = spans.filter(e => e.u0 < w0 - 1 / k && e.u1 >= w0).concat(shown.slice(lower(w0 - 1 / k), lower(w1)));
    const phase = (list, rows) => {
      for (const e of list) {
        const r = e.feat ? 6 : 4;
        const a = e.span ? Math.max(e.u0 - 1 / k, w0) : e.u0 - (r + 2) / k;
        const b0 = e.span ? Math.min(Math.max(e.u1, e.u0 + 4 / k) + 3 / k, w1) : e.u0 + (r + 3) / k;
        const b1 = e.span ? Math.max(b0, a + (12 + lw(e)) / k) : e.u0 + (r + 8 + lw(e)) / k;
        let best = null, score = -Infinity;
        for (const l of rows) {
          const i = after(l, a), last = l.p[l.p.length - 1];
          if (i < l.a.length && l.a[i] < b0 || last && last.b0 > a) continue;
          const prev = last && (!i || last.a > l.a[i - 1]) ? last.b1 : i ? l.r[i - 1].b1 : -Infinity;
          const sc = Math.min(a - prev, 0) + Math.min((l.a[i] ?? Infinity) - b1, 0);
          if (sc > score) best = l, score = sc;
          if (sc >= 0) break;
        }
        best ? best.p.push({ e, a, b0, b1 }) : left.push(e);
      }
      for (const l of L) {
        if (!l.p.length) continue;
        const a = [], b = [], r = [];
        for (let i = 0, j = 0; i < l.a.length || j < l.p.length;) {
          if (j >= l.p.length || i < l.a.length && l.a[i] < l.p[j].a) a.push(l.a[i]), b.push(l.b[i]), r.push(l.r[i++]);
          else { const x = l.p[j++]; a.push(x.a), b.push(x.b0), r.push(x); }
        }
        Object.assign(l, { a, b, r, p: [] });
      }
    };
    phase(inWin.filter(e => e.feat), L);
    phase(inWin.filter(isLong), L.slice(0, nLong));
    phase(inWin.filter(e => !e.feat && !isLong(e)), L);
    phase(left.splice(0), L);
    layouts.set(key, L);
    return L;
  };

  // Ticks: the finest step whose labels have room, from a billion years
  // to an hour. Each is [t, label, major].
  const steps = [];
  for (const y of [1e9, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 100, 10, 1]) for (const m of [5, 2, 1]) steps.push([y * m, "y"]);
  steps.splice(0, 2);
  steps.push([0.5, "M", 6], [0.25, "M", 3], [1 / 12, "M", 1], [7 / 365, "D", 7], [2 / 365, "D", 2], [1 / 365, "D", 1],
    [0.5 / 365, "h", 12], [0.25 / 365, "h", 6], [0.125 / 365, "h", 3], [1 / 8766, "h", 1]);
  const ticks = (ta, tb, k) => {
    const out = [], deep = Math.abs(ta) > 2e5 || Math.abs(tb) > 2e5;
    let st = steps[0];
    for (const s of steps) if (s[0] * k >= (s[0] >= 1e4 ? 130 : 62) && !(deep && s[1] != "y")) st = s;
    const [s, kind, n] = st;
    if (kind == "y") {
      for (let y = Math.max(Math.ceil(ta / s) * s, s); y <= tb && out.length < 99; y += s) out.push([y, yearName(y), y % (s * 10) == 0]);
      for (let m = Math.max(1, Math.ceil((1 - tb) / s)); 1 - m * s >= ta && out.length < 99; m++) out.push([1 - m * s, yearName(1 - m * s), m % 10 == 0]);
    } else {
      const d = new Date(toMs(ta));
      d.setUTCHours(0, 0, 0, 0);
      if (kind != "h") d.setUTCDate(1);
      if (kind == "M") d.setUTCMonth(0);
      for (let i = 0; i < 400 && out.length < 99; i++) {
        const t = toT(+d), M = d.getUTCMonth(), day = d.getUTCDate(), h = d.getUTCHours();
        if (t > tb) break;
        if (t >= ta) {
          const top = M == 0 && day == 1 && h == 0;
          out.push([t, top ? yearName(d.getUTCFullYear()) : kind == "M" || day == 1 && h == 0 ? fmt({ month: "short" }, d) :
            kind == "D" || h == 0 ? fmt({ day: "numeric", month: "short" }, d) : String(h).padStart(2, "0") + ":00", top || kind != "M" && day == 1 && h == 0]);
        }
        if (kind == "M") d.setUTCMonth(M + n);
        // Weeks and pairs of days start again on the 1st, so that the last
        // tick of a month never crowds the first of the next.
        else if (kind == "D") day + n > (n == 7 ? 28 : n == 2 ? 30 : 31) ? d.setUTCMonth(M + 1, 1) : d.setUTCDate(day + n);
        else d.setUTCHours(h + n);
      }
    }
    return [out, kind, s];
  };

  // Drawing, at most once a frame.
  let queued = 0;
  const req = () => queued || (queued = requestAnimationFrame(() => { queued = 0; draw(); }));
  const draw = () => {
    const k = W / (v1 - v0), X = u => (u - v0) * k, top = ERA, bot = ERA + NL * LANE + 4, c = ctx;
    c.clearRect(0, 0, W, H);
    c.textBaseline = "middle";
    drawn = [];
    labels = [];
    // Eras, as bands with their names on top.
    eras.forEach(([title, a, b], i) => {
      const x0 = Math.max(X(a), 0), x1 = Math.min(X(b), W);
      if (x1 <= x0) return;
      c.fillStyle = colours.fg;
      c.globalAlpha = i % 2 ? 0.035 : 0.07;
      c.fillRect(x0, 0, x1 - x0, bot);
      c.globalAlpha = 0.35;
      if (X(a) >= 0) c.fillRect(x0, 0, 1, bot);
      c.globalAlpha = 1;
      c.font = "600 11px system-ui, sans-serif";
      c.fillStyle = colours.muted;
      c.save();
      c.beginPath();
      c.rect(x0, 0, x1 - x0 - 4, ERA);
      c.clip();
      c.fillText(title.toUpperCase(), x0 + 5, ERA / 2 + 1);
      c.restore();
    });
    // Now: a line across the rows, named on the ruler, where no event's
    // title can lie under it. The ruler's other labels make room for it.
    const xn = X(uNow);
    nowBox = null;
    if (xn >= 0 && xn <= W) {
      c.font = "600 11px system-ui, sans-serif";
      const w = c.measureText(L.now).width;
      nowBox = { x: xn + 4 + w + 2 <= W ? xn + 4 : xn - 4 - w, y: bot + DENS + 1, w, h: RULER - 2 };
    }
    // Folds, hatched, with the years they leave out.
    const folded = nowBox ? [[nowBox.x - 6, nowBox.x + nowBox.w + 6]] : [];
    c.strokeStyle = colours.rail;
    c.lineWidth = 1;
    for (let i = 0; i < T.length - 1; i++) {
      if (U[i + 1] - U[i] >= T[i + 1] - T[i] - 1e-9) continue;
      const x0 = X(U[i]), x1 = X(U[i + 1]);
      if (x1 < 0 || x0 > W) continue;
      c.beginPath();
      for (let x = x0 - bot; x < x1; x += 6) c.moveTo(Math.max(x, x0), top + Math.max(0, x0 - x)), c.lineTo(Math.min(x + bot, x1), top + Math.min(bot, x1 - x));
      c.globalAlpha = 0.6;
      c.stroke();
      c.globalAlpha = 1;
      const a = Math.ceil(T[i]), b = Math.floor(T[i + 1]) - 1;
      // The years left out, under the break, as the list names them; the
      // ticks make room.
      c.font = "italic 11px system-ui, sans-serif";
      const text = a <= b ? (a == b ? yearName(a) : yearName(a) + "–" + yearName(b)) : "", w = c.measureText(text).width;
      const lx = Math.min(Math.max((x0 + x1 - w) / 2, 2), W - w - 2);
      if (text && !folded.some(([p, q]) => lx < q && lx + w > p)) {
        c.fillStyle = colours.muted;
        c.fillText(text, lx, bot + DENS + RULER / 2 + 1);
        folded.push([lx - 6, lx + w + 6]);
        labels.push(text);
      }
    }
    // The ruler, and a line for each tick across the rows.
    c.fillStyle = colours.line;
    c.fillRect(0, bot + DENS, W, 1);
    const view0 = tOf(v0), view1 = tOf(v1), tk = [];
    for (let i = 0; i < T.length - 1; i++) {
      if (U[i + 1] - U[i] < T[i + 1] - T[i] - 1e-9) continue;
      const ta = Math.max(T[i], view0), tb = Math.min(T[i + 1], view1);
      if (tb > ta) tk.push(...ticks(ta, tb, k)[0]);
    }
    if (view0 < T[0]) tk.push(...ticks(view0, Math.min(T[0], view1), k)[0]);
    if (view1 > T[T.length - 1]) tk.push(...ticks(Math.max(view0, T[T.length - 1]), view1, k)[0]);
    const [, kind, st] = ticks(view0, view1, k);
    // The year of the left edge, always named below a year's scale.
    const t0 = Math.max(view0, T[0]);
    const pin = kind == "y" && tk.length ? "" : kind == "y" || kind == "M" ? yearName(Math.floor(t0)) : fmt(kind == "D" ? { month: "long", year: "numeric" } : { day: "numeric", month: "long", year: "numeric" }, toMs(t0));
    c.font = "600 11.5px system-ui, sans-serif";
    const pinW = pin && !(nowBox && nowBox.x < c.measureText(pin).width + 12) ? c.measureText(pin).width + 12 : 0;
    for (const [t, text, major] of tk) {
      const x = Math.round(X(uOf(t))) + 0.5;
      if (x < 0 || x > W) continue;
      c.fillStyle = colours.line;
      c.fillRect(x - 0.5, top, 1, bot + DENS + 5 - top);
      c.font = (major ? "600 " : "") + "11.5px system-ui, sans-serif";
      const tw = c.measureText(text).width;
      if (x < pinW + 4 || x + tw + 4 > W || folded.some(([p, q]) => x < q && x + tw + 4 > p)) continue;
      c.fillStyle = major ? colours.fg : colours.muted;
      c.fillText(text, x + 4, bot + DENS + RULER / 2 + 1);
      labels.push(text);
    }
    if (pinW) {
      c.font = "600 11.5px system-ui, sans-serif";
      c.fillStyle = colours.fg;
      c.fillText(pin, 4, bot + DENS + RULER / 2 + 1);
      labels.unshift(pin);
    }
    // Where the list is: a band over the events on screen.
    const here = shown.filter(e => onScreen.has(e.slug));
    if (here.length) {
      const a = X(Math.min(...here.map(e => e.u0))), b = X(Math.max(...here.map(e => e.u0)));
      c.fillStyle = colours.focus;
      c.globalAlpha = 0.25;
      c.fillRect(a - 3, bot + DENS + 1, Math.max(b - a + 6, 6), 3);
      c.globalAlpha = 1;
    }
    if (nowBox) {
      c.fillStyle = colours.focus;
      c.fillRect(Math.round(xn) - 1, top, 2, bot + DENS + 5 - top);
      c.font = "600 11px system-ui, sans-serif";
      c.fillText(L.now, nowBox.x, bot + DENS + RULER / 2 + 1);
      labels.push(L.now);
    }
    // The marks, batched by colour; labels after them.
    const lv = Math.max(0, Math.floor(Math.log2((F1 - F0) / (v1 - v0)) + 1e-9)), lay = layout(lv, v0), tint = {}, solid = {}, texts = [];
    // The next levels in and out, and the windows either side, are laid
    // out while the reader looks.
    if (window.requestIdleCallback) requestIdleCallback(() => {
      const w = (F1 - F0) / 2 ** lv;
      for (const [l, at] of [[lv + 1, v0], [lv - 1, v0], [lv, v0 - w], [lv, v0 + w]]) if (l >= 0) layout(l, at);
    });
    const path = (o, col) => o[col] || (o[col] = new Path2D());
    lay.forEach((l, n) => {
      let i = 0, j = l.b.length;
      while (i < j) { const m = (i + j) >> 1; l.b[m] <= v0 ? i = m + 1 : j = m; }
      const y = top + n * LANE + 2 + LANE / 2;
      for (; i < l.a.length && l.a[i] < v1; i++) {
        const { e, b1 } = l.r[i], col = colour(e), r = e.feat ? 6 : 4, x0 = X(e.u0);
        let left, right, lx;
        if (e.span) {
          const x1 = Math.max(X(e.u1), x0 + 4), h = e.feat ? 16 : 12;
          path(tint, col).rect(x0, y - h / 2, x1 - x0, h);
          path(solid, col).rect(x0, y - h / 2, 3, h);
          path(solid, col).rect(x0, y + h / 2 - 2, x1 - x0, 2);
          left = x0;
          right = x1;
          lx = x0 + 8;
          if (lx < 4) lx = Math.min(4, X(b1) - e.lw - 2);
        } else {
          path(solid, col).moveTo(x0 + r, y);
          path(solid, col).arc(x0, y, r, 0, 7);
          left = x0 - r;
          right = x0 + r;
          lx = x0 + r + 5;
        }
        // The title, whole or cut short, up to the next mark of the row
        // or the edge of the axis.
        const room = Math.min(X(Math.min(b1, l.a[i + 1] ?? Infinity)), W - 4) - 2 - lx;
        let text = e.title, tw = e.lw;
        if (room < tw && room >= 40) {
          c.font = font(e.feat);
          for (let n = Math.floor(text.length * (room - 12) / tw); n > 0 && tw > room; n--) text = e.title.slice(0, n).trimEnd() + "…", tw = c.measureText(text).width;
        }
        let hx = Math.max(left, 0), hw = Math.min(right, W) - hx;
        if (tw <= room) texts.push([e, lx, y, text]), right = Math.max(right, lx + tw), hw = lx + tw - hx;
        drawn.push({ slug: e.slug, x: left, y: y - LANE / 2 + 1, w: right - left, h: LANE - 2, e, hx, hw: Math.min(hw, 400) });
      }
    });
    // The events the list shows now: their titles on the highlight of
    // the list's own.
    c.fillStyle = colours.mark;
    for (const d of drawn) if (onScreen.has(d.slug)) c.beginPath(), c.roundRect(d.hx - 3, d.y + 2, d.hw + 6, d.h - 4, 4), c.fill();
    c.globalAlpha = 0.22;
    for (const col in tint) c.fillStyle = col, c.fill(tint[col]);
    c.globalAlpha = 1;
    for (const col in solid) c.fillStyle = col, c.fill(solid[col]);
    c.fillStyle = colours.fg;
    for (const [e, x, y, text] of texts) c.font = font(e.feat), c.fillText(text, x, y + 1);
    titled = texts;
    // The chosen event is ringed.
    for (const d of drawn) {
      if (d.e !== sel) continue;
      c.strokeStyle = colours.focus;
      c.lineWidth = 2.5;
      c.beginPath();
      c.roundRect(d.x - 3, d.y, d.w + 6, d.h, 5);
      c.stroke();
    }
    // Density of every event shown, drawn or not.
    const bw = 3, cnt = [], n = Math.ceil(W / bw);
    let max = 1;
    for (let b = 0, i = lower(v0); b < n; b++) {
      const j = lower(v0 + (b + 1) * bw / k);
      cnt.push(j - i);
      max = Math.max(max, j - i);
      i = j;
    }
    c.fillStyle = colours.muted;
    c.globalAlpha = 0.55;
    cnt.forEach((m, b) => m && c.fillRect(b * bw, bot + DENS - 1, bw - 1, -Math.max(1.5, (DENS - 3) * Math.sqrt(m / max))));
    c.globalAlpha = 1;
    range.firstChild.textContent = kind == "y" && st >= 1 ? [view0, view1].map(t => yearName(Math.floor(t))).join(" – ")
      : [view0, view1].map(t => fmt({ month: "short", year: "numeric" }, toMs(t))).join(" – ");
    range.lastChild.textContent = " · ×" + +((F1 - F0) / (v1 - v0)).toFixed(1);
    if (sel) showTip(sel);
  };
  const lower = u => {
    let i = 0, j = sorted.length;
    while (i < j) { const m = (i + j) >> 1; sorted[m] < u ? i = m + 1 : j = m; }
    return i;
  };

  // The view.
  const set = (a, b) => {
    const w = Math.min(Math.max(b - a, MINW), F1 - F0);
    a = Math.min(Math.max(a, F0), F1 - w);
    v0 = a;
    v1 = a + w;
    req();
  };
  const zoomAt = (f, x) => { const u = v0 + x / W * (v1 - v0), w = (v1 - v0) / f; set(u - x / W * w, u - x / W * w + w); };
  const pan = px => set(v0 + px / W * (v1 - v0), v1 + px / W * (v1 - v0));
  const zoomKey = f => {
    touched = Date.now();
    if (!sel) return zoomAt(f, W / 2);
    // On the chosen event: where it is, or in the middle if near an edge.
    const x = (sel.u0 - v0) / (v1 - v0) * W;
    zoomAt(f, x >= W * 0.15 && x <= W * 0.85 ? x : W / 2);
    if (x < W * 0.15 || x > W * 0.85) centre(sel);
  };
  const centre = e => { const w = v1 - v0; set(e.u0 - w / 2, e.u0 + w / 2); };
  const at = (x, y) => drawn.find(d => x >= d.x && x <= d.x + d.w && y >= d.y && y <= d.y + d.h);
  const showTip = e => {
    const d = drawn.find(d => d.e === e), x = d ? d.x : (e.u0 - v0) / (v1 - v0) * W;
    tip.hidden = false;
    tip.textContent = "";
    tip.append(el("strong", "", e.title), el("span", "", e.date + (e.tr < 0 ? "" : " · " + D.tracks[e.tr].name)));
    tip.style[RTL ? "right" : "left"] = Math.max(0, Math.min(x, W - tip.offsetWidth)) + "px";
    tip.style.top = (!d ? ERA : d.y > H / 2 ? d.y - tip.offsetHeight - 2 : d.y + d.h + 2) + "px";
  };
  const choose = (e, say = true) => {
    sel = e;
    if (!e) return tip.hidden = true;
    if (e.u0 < v0 || e.u0 > v1) centre(e);
    if (say) live.textContent = e.title + ", " + e.date;
    req();
  };

  // Pointer: drag pans, two fingers pinch, a wheel with Ctrl (or once the
  // axis has focus) zooms on the pointer, a click goes to the event.
  const ptr = new Map();
  let moved = 0, pinch = 0;
  const pos = ev => { const r = cv.getBoundingClientRect(); return [RTL ? r.right - ev.clientX : ev.clientX - r.left, ev.clientY - r.top]; };
  cv.addEventListener("wheel", ev => {
    const [x] = pos(ev), dx = Math.abs(ev.deltaX) > Math.abs(ev.deltaY);
    if (!dx && !ev.ctrlKey && doc.activeElement !== cv) return;
    ev.preventDefault();
    touched = Date.now();
    dx ? pan(RTL ? -ev.deltaX : ev.deltaX) : zoomAt(Math.exp(-ev.deltaY * (ev.deltaMode ? 0.05 : 0.002)), x);
  }, { passive: false });
  cv.addEventListener("pointerdown", ev => {
    ptr.set(ev.pointerId, pos(ev));
    cv.setPointerCapture(ev.pointerId);
    moved = 0;
    pinch = 0;
  });
  cv.addEventListener("pointermove", ev => {
    const p = pos(ev), q = ptr.get(ev.pointerId);
    if (!q) {
      const d = at(...p);
      cv.style.cursor = d ? "pointer" : "grab";
      d ? showTip(d.e) : sel ? showTip(sel) : tip.hidden = true;
      return;
    }
    touched = Date.now();
    if (ptr.size == 2) {
      const [a, b] = [...ptr.values()], dist = Math.abs(a[0] - b[0]);
      ptr.set(ev.pointerId, p);
      const [c, d] = [...ptr.values()], nd = Math.abs(c[0] - d[0]);
      if (pinch && dist > 10) zoomAt(nd / dist, (c[0] + d[0]) / 2);
      pinch = moved = 1;
      return;
    }
    moved += Math.abs(p[0] - q[0]);
    ptr.set(ev.pointerId, p);
    if (moved > 4) pan(q[0] - p[0]);
  });
  const up = ev => {
    if (ptr.delete(ev.pointerId) && !moved && ev.type == "pointerup") {
      const d = at(...pos(ev));
      if (d) choose(d.e), opts.go(d.slug);
    }
  };
  cv.addEventListener("pointerup", up);
  cv.addEventListener("pointercancel", up);
  cv.addEventListener("pointerleave", () => { if (!ptr.size) sel ? showTip(sel) : tip.hidden = true; });
  cv.addEventListener("keydown", ev => {
    const i = sel ? shown.indexOf(sel) : -1, w = v1 - v0, key = ev.key;
    const pick = j => choose(shown[Math.min(Math.max(j, 0), shown.length - 1)]);
    const k = {
      [RTL ? "ArrowLeft" : "ArrowRight"]: () => pick(i < 0 ? lower(v0) : i + 1), [RTL ? "ArrowRight" : "ArrowLeft"]: () => pick(i < 0 ? lower(v1) - 1 : i - 1),
      Home: () => pick(0), End: () => pick(shown.length - 1), "+": () => zoomKey(2), "=": () => zoomKey(2), "-": () => zoomKey(0.5),
      PageUp: () => set(v0 - w / 2, v1 - w / 2), PageDown: () => set(v0 + w / 2, v1 + w / 2), 0: () => set(F0, F1),
      Enter: () => sel && opts.go(sel.slug), " ": () => sel && opts.go(sel.slug),
    }[key];
    if (!k || ev.altKey || ev.ctrlKey || ev.metaKey) return;
    ev.preventDefault();
    touched = Date.now();
    k();
  });
  cv.addEventListener("focus", () => { if (!sel) choose(shown[Math.min(lower(v0), shown.length - 1)]); });
  cv.addEventListener("blur", () => { tip.hidden = true; });

  theme();
  size();
  new ResizeObserver(() => { if (wrap.clientWidth != W) size(), draw(); }).observe(wrap);
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => { theme(); req(); });

  // A hook for tests and benchmarks: the geometry drawn, not a model of it.
  window.__timelineAxis = {
    selected: () => sel && sel.slug, onScreen: () => [...onScreen], tAt: x => tOf(v0 + x / W * (v1 - v0)), zoom: () => (F1 - F0) / (v1 - v0),
    marks: () => drawn.map(({ slug, x, y, w, h }) => ({ slug, x, y, w, h })), labels: () => labels.slice(), now: () => nowBox,
    titles: () => titled.map(([e, x, y, text]) => ({ slug: e.slug, text, x, y: cv.getBoundingClientRect().top + y })),
    view: () => [tOf(v0), tOf(v1)], zoomTo: (a, b) => (set(uOf(a), uOf(b)), draw()), zoomAt: (f, x) => (zoomAt(f, x), draw()),
    whole: () => (set(F0, F1), draw()), rect: slug => { const d = drawn.find(d => d.slug == slug), r = cv.getBoundingClientRect(); return d && { x: RTL ? r.right - d.x - Math.min(d.w, 12) / 2 : r.left + d.x + Math.min(d.w, 12) / 2, y: r.top + d.y + d.h / 2 }; },
    bench: n => {
      const times = [];
      set(F0, F1);
      draw();
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        i % 4 == 3 ? pan(W / 10 * (i % 8 == 3 ? 1 : -1)) : zoomAt(i % 24 < 12 ? 1.6 : 1 / 1.6, W * (0.3 + 0.4 * Math.random()));
        draw();
        ctx.getImageData(0, 0, 1, 1);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return { median: times[n >> 1], p95: times[Math.floor(n * 0.95)], max: times[n - 1] };
    },
  };

  return {
    filter() {
      shown = evs.filter(e => matches(e.ts, e.gs));
      sorted = shown.map(e => e.u0);
      spans = shown.filter(e => e.span);
      layouts.clear();
      if (sel && !shown.includes(sel)) choose(null);
      req();
    },
    select(slug, say) { choose(evs.find(e => e.slug == slug), say); },
    // The axis follows the list: the events on screen are ringed, and
    // brought into view unless the reader has just moved the axis.
    follow(list) {
      const io = new IntersectionObserver(es => {
        for (const x of es) x.isIntersecting ? onScreen.add(x.target.id) : onScreen.delete(x.target.id);
        const here = shown.filter(e => onScreen.has(e.slug));
        if (here.length && Date.now() - touched > 1500 && !here.some(e => e.u0 >= v0 && e.u0 <= v1)) centre(here[0]);
        req();
      });
      for (const e of list) io.observe(e);
    },
  };
};

// The tools go in place at once, so that the page does not jump when the
// data comes.
const tools = el("div", "tl-tools");
if (home && nav) {
  for (const a of chips.slice()) wireChip(a);
  nav.append(status);
  nav.after(tools);
} else if (embed) {
  tl.before(tools, status);
} else if (!home) {
  tl.before(status);
}
fromURL();
apply(false);
load().then(data => {
  prepare(data);
  // The tag menu offers every tag, the most used first.
  if (tagList && D.tags.length > tagList.querySelectorAll("a[data-tag]").length) {
    const count = new Array(D.tags.length).fill(0);
    for (const e of evs) for (const t of e.tg) count[t]++;
    tagList.textContent = "";
    for (const t of D.tags.map((t, i) => [t, count[i]]).sort((a, b) => b[1] - a[1]).map(x => x[0])) {
      const a = attrs(el("a", "tag", t.name + " "), { href: new URL(t.url, src).href, "data-tag": t.slug });
      a.append(el("span", "n", ""));
      a.lastChild.append("", el("span", "visually-hidden", " events"));
      tagList.appendChild(el("li")).append(a);
      wireChip(a);
    }
  }
  if (home && evs.length) ax = axis(tools, { go: slug => {
    const e = doc.getElementById(slug);
    if (entries.includes(e)) go(e);
    else {
      const u = withQuery(new URL(D.years[evs.find(v => v.slug === slug).y].url, src).href) + "#" + slug;
      embed ? open(u, "_top") : location.href = u;
    }
  } });
  apply(false);
  fromHash(false);
  if (ax) ax.follow(entries);
});
fromHash(false);
})();
