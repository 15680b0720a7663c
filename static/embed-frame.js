/* embed-frame.js: the embed pages' own script, run in the frame of
   someone else's article. It takes the host's ?theme=light|dark, and
   tells the parent page the height of the frame's content, so that
   embed.js can size the frame to it. It posts to the parent alone and
   reads nothing of it. */
(() => {
"use strict";
const theme = new URLSearchParams(location.search).get("theme");
if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
if (parent === window) return;
let last = 0;
const post = () => {
  const h = Math.ceil(document.documentElement.getBoundingClientRect().height);
  if (h !== last) parent.postMessage({ timelineEmbed: "height", height: last = h }, "*");
};
addEventListener("DOMContentLoaded", () => {
  new ResizeObserver(post).observe(document.documentElement);
  post();
});
})();
