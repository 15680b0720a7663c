/* search-engine.js: the search itself, which search.js loads on first use.
   It reads the index that timeline build writes under search/ (see
   internal/search): the manifest, then for each word of the query the
   shard or two it falls in, the events of the home page's track and tag
   filter if one is set, the fragments of the results on screen, and the
   page of a result found by its body alone, to cut its snippet from;
   each file once. Words are split and folded, and events ranked, as
   internal/search does: title above meta (place, track, tags, date) above
   summary above body, a whole word above a prefix, then time order. */
(() => {
"use strict";
const S = window.timelineSearch;
if (!S || S.engine) return;
S.engine = true;
const { root, form, input, home, L } = S;
const PAGE = 10, MAX_SHARDS = 2, MAX_TERMS = 8, WEIGHTS = [8, 4, 3, 1];
const utf8 = new TextEncoder();

// Words and folding, as internal/search/tokenize.go has them.
const IDEO = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u, WORD = /[\p{L}\p{N}\p{M}]/u;
const fold = w => /^[\x00-\x7f]*$/.test(w) ? w.toLowerCase()
  : w.toLowerCase().normalize("NFD").replace(/\p{Mn}/gu, "").normalize("NFC").replace(/ς/g, "σ");
const isDigit = c => c >= "0" && c <= "9";
function words(text, fn) {
  let start = -1, digits = false;
  const emit = end => { const w = fold(text.slice(start, end)); if (w) fn(w, start, end); start = -1; };
  for (let i = 0; i < text.length;) {
    const ch = String.fromCodePoint(text.codePointAt(i)), c = text.charCodeAt(i);
    if (c < 0x80) {
      if (/[a-zA-Z]/.test(ch)) { if (start < 0) start = i; digits = false; }
      else if (isDigit(ch)) { if (start < 0) { start = i; digits = true; } }
      else if (ch === "-" && start >= 0 && digits && isDigit(text[i + 1] || "")) { /* a date goes on */ }
      else if (start >= 0) emit(i);
    } else if (IDEO.test(ch)) {
      if (start >= 0) emit(i);
      start = i;
      emit(i + ch.length);
    } else if (WORD.test(ch)) {
      if (start < 0) start = i;
      digits = false;
    } else if (start >= 0) emit(i);
    i += ch.length;
  }
  if (start >= 0) emit(text.length);
}
const prefixes = t => [...t].length >= 2;
function terms(q, stop) {
  const all = [], kept = [];
  words(q, w => {
    if (all.includes(w) || all.length >= MAX_TERMS) return;
    all.push(w);
    if (!stop.includes(w)) kept.push(w);
  });
  return kept.length ? kept : all;
}
const matches = (w, ts) => ts.some(t => w === t || (prefixes(t) && w.startsWith(t)));

// Files of the index, each fetched once.
const cache = new Map();
const get = (path, kind) => {
  if (!cache.has(path)) {
    const url = root + "search/" + path + (path === "index.json" ? "" : "?v=" + manifest.id);
    cache.set(path, fetch(url, path === "index.json" ? { cache: "no-cache" } : {}).then(r => {
      if (!r.ok) throw new Error(r.status + " " + url);
      return kind === "json" ? r.json() : r.arrayBuffer().then(b => new Uint8Array(b));
    }));
  }
  return cache.get(path);
};
let manifest = { id: "" };
const ready = get("index.json", "json").then(m => {
  manifest = m;
  m.keys = m.shards.map(s => utf8.encode(s));
  return m;
});

// Byte order, as Go sorts strings.
function cmp(a, b) {
  for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}
const startsWith = (a, p) => a.length >= p.length && p.every((c, i) => a[i] === c);
function shardRange(keys, t, pre) {
  let lo = 0, hi = keys.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (cmp(keys[mid], t) > 0) hi = mid; else lo = mid + 1; }
  lo = Math.max(lo - 1, 0);
  hi = lo;
  while (pre && hi + 1 < keys.length && hi + 1 < lo + MAX_SHARDS && startsWith(keys[hi + 1], t)) hi++;
  return [lo, hi];
}

// A set of events, as appendSet writes it; fn gets each event.
function uvarint(b, p) {
  let v = 0, s = 1;
  for (;;) { const c = b[p.i++]; v += (c & 0x7f) * s; if (c < 0x80) return v; s *= 128; }
}
function set(b, p, fn) {
  const h = uvarint(b, p), size = Math.floor(h / 2);
  if (h % 2 === 0) {
    const end = p.i + size;
    for (let id = -1; p.i < end;) fn(id += uvarint(b, p) + 1);
    return;
  }
  const base = uvarint(b, p) * 8, end = p.i + size;
  for (let k = 0; p.i < end; k += 8) {
    let c = b[p.i++];
    for (let j = 0; c; j++, c >>= 1) if (c & 1) fn(base + k + j);
  }
}
function skip(b, p) {
  const h = uvarint(b, p);
  if (h % 2) uvarint(b, p);
  p.i += Math.floor(h / 2);
}
// scan raises best[id] to the best match of term t in each event.
function scan(b, t, pre, best) {
  const p = { i: 0 }, n = uvarint(b, p);
  let word = new Uint8Array(0);
  for (let k = 0; k < n; k++) {
    const shared = uvarint(b, p), size = uvarint(b, p);
    const w = new Uint8Array(shared + size);
    w.set(word.subarray(0, shared));
    w.set(b.subarray(p.i, p.i + size), shared);
    p.i += size;
    word = w;
    const mask = b[p.i++];
    const exact = cmp(w, t) === 0, match = exact || (pre && startsWith(w, t));
    for (let f = 0; f < 4; f++) {
      if (!(mask & (1 << f))) continue;
      if (!match) { skip(b, p); continue; }
      const s = WEIGHTS[f] * (exact ? 3 : 2);
      set(b, p, id => { if (best[id] < s) best[id] = s; });
    }
  }
}

// query returns the events that match q within the filter, best first.
async function query(q, filter) {
  const m = await ready, n = m.events;
  const ts = terms(q, m.stop);
  if (!ts.length || !n) return { ts, ids: [], body: [] };
  const jobs = ts.map(t => {
    const tb = utf8.encode(t), [lo, hi] = shardRange(m.keys, tb, prefixes(t)), shards = [];
    for (let i = lo; i <= hi; i++) shards.push(get("w/" + i + ".bin"));
    return Promise.all(shards).then(bs => ({ tb, pre: prefixes(t), bs }));
  });
  const sets = Object.entries(filter).filter(([, slug]) => slug)
    .map(([kind, slug]) => get(kind + "/" + encodeURIComponent(slug) + ".bin").catch(() => new Uint8Array([0])));
  const [loaded, filters] = await Promise.all([Promise.all(jobs), Promise.all(sets)]);
  let total = null;
  const body = new Uint8Array(n); // a word is in the body alone
  for (const { tb, pre, bs } of loaded) {
    const best = new Uint8Array(n);
    for (const b of bs) scan(b, tb, pre, best);
    for (let id = 0; id < n; id++) if (best[id] && best[id] <= 3 * WEIGHTS[3]) body[id] = 1;
    if (!total) total = Uint16Array.from(best);
    else for (let id = 0; id < n; id++) total[id] = total[id] && best[id] ? total[id] + best[id] : 0;
  }
  for (const b of filters) {
    const keep = new Uint8Array(n);
    set(b, { i: 0 }, id => { keep[id] = 1; });
    for (let id = 0; id < n; id++) if (!keep[id]) total[id] = 0;
  }
  const ids = [];
  for (let id = 0; id < n; id++) if (total[id]) ids.push(id);
  ids.sort((a, b) => total[b] - total[a] || a - b);
  return { ts, ids, body };
}

// The results.
const el = (tag, cls, text) => {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
};
const status = el("p", "search-status");
status.setAttribute("role", "status");
const panel = el("div", "search-results");
panel.id = "search-results";
panel.hidden = true;
const list = el("ol");
list.setAttribute("aria-label", L.search_results);
const more = el("button", "search-more", L.search_more);
more.type = "button";
panel.append(list, more);
// The status is always there, shown or not, for a screen reader to
// announce each change of it.
const drop = el("div", "search-drop");
drop.append(status, panel);
form.append(drop);
input.setAttribute("aria-controls", panel.id);

// highlight appends text to e with the words that match ts marked.
function highlight(e, text, ts) {
  let at = 0;
  words(text, (w, s, end) => {
    if (!matches(w, ts)) return;
    e.append(text.slice(at, s), el("mark", "", text.slice(s, end)));
    at = end;
  });
  e.append(text.slice(at));
}
// The fragment of event id, and the text of an event's body, from its page.
const fragment = id => get("e/" + Math.floor(id / manifest.group) + ".json", "json").then(a => a[id % manifest.group]);
const pages = new Map();
const bodyText = url => {
  if (!pages.has(url)) pages.set(url, fetch(root + url).then(r => r.ok ? r.text() : "").then(h => {
    const doc = new DOMParser().parseFromString(h, "text/html");
    const body = doc.querySelector(".event-page .body") || doc.querySelector("main");
    return body ? body.textContent.replace(/\s+/g, " ").trim() : "";
  }).catch(() => ""));
  return pages.get(url);
};
// snippet cuts from the summary or the body the passage around the first
// match, or the summary's start.
function snippet(f, ts, body) {
  for (const text of [f.s || "", body || ""]) {
    let first = -1;
    words(text, (w, s) => { if (first < 0 && matches(w, ts)) first = s; });
    if (first < 0) continue;
    let from = first < 70 ? 0 : text.indexOf(" ", first - 60) + 1;
    let to = Math.min(text.length, from + 170);
    if (to < text.length) to = Math.max(text.lastIndexOf(" ", to), first + 1);
    return (from > 0 ? "… " : "") + text.slice(from, to) + (to < text.length ? " …" : "");
  }
  const s = f.s || body || "";
  return s.length > 170 ? s.slice(0, s.lastIndexOf(" ", 170)) + " …" : s;
}
function item(f, ts, body) {
  const li = el("li", "search-result" + (f.k ? " track-" + f.c : ""));
  const a = el("a", "search-title");
  a.href = root + f.u;
  highlight(a, f.t, ts);
  const meta = el("p", "search-meta");
  const time = el("time", "", f.d);
  if (f.dt) time.dateTime = f.dt;
  meta.append(time);
  if (f.k) meta.append(" · ", el("span", "search-track", f.kn));
  const snip = el("p", "search-snippet");
  highlight(snip, snippet(f, ts, body), ts);
  li.append(a, meta, snip);
  return li;
}

let seq = 0, shown = null;
const filter = () => {
  const p = new URLSearchParams(location.search);
  return { track: p.get("track") || "", tag: p.get("tag") || "" };
};
// say fills a string of the page's language; a counted one is chosen by
// the language's plural rules, and its count written with the page's digits.
const rules = new Intl.PluralRules(L.lang);
const say = (key, v) => {
  let s = L[key];
  if (typeof s === "object") s = s[rules.select(v.n)] || s.other;
  return s.replace(/\{(\w+)\}/g, (m, k) => k === "n" ? v.n.toLocaleString(L.lang, { numberingSystem: "latn" }) : k in v ? v[k] : m);
};
async function show(from) {
  const { ids, ts, q, f, body } = shown, page = ids.slice(from, from + PAGE), mine = seq;
  const frags = await Promise.all(page.map(fragment));
  const bodies = await Promise.all(frags.map((f, i) => body[page[i]] ? bodyText(f.u) : ""));
  if (mine !== seq) return;
  if (!from) list.replaceChildren();
  list.append(...frags.map((f, i) => item(f, ts, bodies[i])));
  more.hidden = ids.length <= from + PAGE;
  panel.hidden = false;
  form.classList.add("is-open");
  const within = f.track || f.tag ? "_within" : "";
  status.textContent = ids.length ? say("search_found" + within, { n: ids.length, q }) : say("search_none" + within, { q });
  form.dataset.results = ids.length; // for tests: the results are on screen
}
async function run() {
  const q = input.value.trim(), mine = ++seq, f = filter(), t0 = performance.now();
  if (home) {
    const u = new URL(location.href);
    if (q) u.searchParams.set("q", q); else u.searchParams.delete("q");
    history.replaceState(history.state, "", u);
  }
  if (!q) {
    shown = null;
    close();
    status.textContent = "";
    return;
  }
  const r = await query(q, f);
  if (mine !== seq) return;
  shown = { ...r, q, f };
  await show(0);
  if (mine === seq) S.last = { q, ms: performance.now() - t0 }; // for tests: how long it took
}
function close() {
  panel.hidden = true;
  form.classList.remove("is-open");
}
const report = err => { status.textContent = say("search_unavailable", { error: err.message }); };
const go = () => run().catch(report);

input.addEventListener("input", go);
// Back in the box from elsewhere, the results are shown again.
input.addEventListener("focus", e => {
  if (shown && !form.contains(e.relatedTarget)) { panel.hidden = false; form.classList.add("is-open"); }
});
more.addEventListener("click", () => {
  const next = list.children.length;
  show(next).then(() => { const a = list.children[next] && list.children[next].querySelector("a"); if (a) a.focus(); }).catch(report);
});
form.addEventListener("submit", e => {
  // On the home page the results are here; elsewhere the form goes there.
  if (home) { e.preventDefault(); go(); }
});
// Arrows between the box and the results; Escape closes them.
form.addEventListener("keydown", e => {
  const links = [...list.querySelectorAll("a")], i = links.indexOf(document.activeElement);
  if (e.key === "Escape") {
    if (panel.hidden) return;
    close();
    input.focus();
  } else if (e.key === "ArrowDown" && links.length && !panel.hidden) {
    links[Math.min(i + 1, links.length - 1)].focus();
  } else if (e.key === "ArrowUp" && i >= 0) {
    (i ? links[i - 1] : input).focus();
  } else return;
  e.preventDefault();
});
document.addEventListener("click", e => { if (!form.contains(e.target)) close(); });
document.addEventListener("focusin", e => { if (!form.contains(e.target)) close(); });
// The home page's filter changed: search within the new one.
document.addEventListener("timeline:filter", () => { if (input.value.trim()) go(); });
// Chosen again from the history, the page shows that search.
window.addEventListener("popstate", () => {
  input.value = new URLSearchParams(location.search).get("q") || "";
  go();
});

if (input.value.trim()) go();
})();
