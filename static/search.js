/* search.js: the search box, added only where JavaScript runs (without it
   the Years and Tags pages are the way in). It loads nothing more until
   the reader focuses the box or presses "/": then search-engine.js and
   the index (search/), which do the searching. ?q= on the home page
   searches at once. */
(() => {
"use strict";
const header = document.querySelector(".site-header .wrap");
const src = document.currentScript && document.currentScript.src;
if (!header || !src) return;
const root = src.replace(/search\.js(\?.*)?$/, "");
const home = document.body.classList.contains("kind-home");
const form = document.createElement("form");
form.className = "search";
form.action = root;
form.setAttribute("role", "search");
form.setAttribute("aria-label", "Events");
form.innerHTML = '<label class="visually-hidden" for="search-q">Search events</label>' +
  '<input id="search-q" name="q" type="search" placeholder="Search events" autocomplete="off" spellcheck="false" aria-keyshortcuts="/">' +
  '<kbd class="search-key" aria-hidden="true">/</kbd>';
header.append(form);
const input = form.querySelector("input");
let loading;
const load = () => loading || (loading = new Promise((resolve, reject) => {
  window.timelineSearch = { root, form, input, home };
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
