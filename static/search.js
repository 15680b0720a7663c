/* search.js: the search box, added only where JavaScript runs (without it
   the Years and Tags pages are the way in). It loads nothing more until
   the reader focuses the box or presses "/": then search-engine.js and
   the index (search/), which do the searching. ?q= on the home page
   searches at once. */
(() => {
"use strict";
const header = document.querySelector(".site-header .wrap");
const me = document.currentScript, src = me && me.src;
if (!header || !src) return;
// The page's language: a page not in English hands its strings and its tag
// in data-i18n on this script, a counted string as its CLDR plural forms;
// these are the defaults.
const L = Object.assign({ lang: "en", search_form: "Events", search_label: "Search events",
  search_results: "Search results", search_more: "More results",
  search_found: { one: "{n} event matches “{q}”", other: "{n} events match “{q}”" },
  search_found_within: { one: "{n} event matches “{q}” within the filter", other: "{n} events match “{q}” within the filter" },
  search_none: "No event matches “{q}”", search_none_within: "No event matches “{q}” within the filter",
  search_unavailable: "Search is not available: {error}" }, JSON.parse(me.dataset.i18n || "{}"));
const root = src.replace(/search\.js(\?.*)?$/, "");
const home = document.body.classList.contains("kind-home");
const form = document.createElement("form");
form.className = "search";
form.action = root;
form.setAttribute("role", "search");
form.setAttribute("aria-label", L.search_form);
form.innerHTML = '<label class="visually-hidden" for="search-q"></label>' +
  '<input id="search-q" name="q" type="search" autocomplete="off" spellcheck="false" aria-keyshortcuts="/">' +
  '<kbd class="search-key" aria-hidden="true">/</kbd>';
header.append(form);
const input = form.querySelector("input");
form.querySelector("label").textContent = input.placeholder = L.search_label;
let loading;
const load = () => loading || (loading = new Promise((resolve, reject) => {
  window.timelineSearch = { root, form, input, home, L };
  const s = document.createElement("script");
  s.src = root + "search-engine.js";
  s.onload = resolve;
  s.onerror = reject;
  document.head.append(s);
}));
input.addEventListener("focus", load, { once: true });
document.addEventListener("keydown", e => {
  const t = e.target;
  if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
  e.preventDefault();
  input.focus();
});
const q = new URLSearchParams(location.search).get("q");
if (home && q) {
  input.value = q;
  load();
}
})();
