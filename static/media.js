// media.js: a click on a media facade (a link to the provider, made by
// the event page) puts the provider's player in its place. Until then the
// page asks no other host for anything; without this script the facade
// is a plain link.
document.addEventListener("click", function (ev) {
  var a = ev.target.closest && ev.target.closest("a.media-facade[data-embed]");
  if (!a || ev.button || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) return;
  ev.preventDefault();
  var f = document.createElement("iframe");
  f.src = a.dataset.embed;
  f.title = a.dataset.title || a.textContent.trim();
  f.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
  f.allowFullscreen = true;
  f.referrerPolicy = "strict-origin-when-cross-origin";
  f.className = "media-frame";
  a.replaceWith(f);
  f.focus();
});
