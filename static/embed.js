/* embed.js: puts a timeline in an article. The snippet is
     <div class="timeline-embed" data-src="https://SITE/embed/" data-height="600"><a href="https://SITE/embed/">Title</a></div>
     <script src="https://SITE/embed.js" async></script>
   and this script turns each such div into an iframe titled with the
   link's text, then sizes the frame to its content from the height the
   page in it posts. It listens only to messages from the site this script
   comes from, and from one of its own frames. */
(() => {
"use strict";
const me = document.currentScript;
if (!me) return;
const origin = new URL(me.src).origin, frames = [];
const make = div => {
  if (div.dataset.embedded) return;
  const src = new URL(div.dataset.src || "", me.src);
  if (src.origin !== origin) return;
  const a = div.querySelector("a"), f = document.createElement("iframe");
  f.src = src.href;
  f.title = (a && a.textContent.trim()) || "Timeline";
  f.loading = "lazy";
  f.style.cssText = "display:block;width:100%;border:0;overflow:hidden;height:" + (parseInt(div.dataset.height, 10) || 600) + "px";
  div.dataset.embedded = "1";
  div.replaceChildren(f);
  frames.push(f);
};
addEventListener("message", ev => {
  const d = ev.data;
  if (ev.origin !== origin || !d || d.timelineEmbed !== "height" || !(d.height > 0)) return;
  const f = frames.find(f => f.contentWindow === ev.source);
  if (f) f.style.height = Math.min(Math.ceil(d.height), 100000) + "px";
});
const all = () => document.querySelectorAll("div.timeline-embed[data-src]").forEach(make);
all();
if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
})();
