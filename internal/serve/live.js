// The preview's live script, added by `timeline serve` to every page it
// serves (never to a build). It listens to the server's events: it reloads
// the page when the page changed (keeping the scroll position), swaps the
// stylesheets when only they changed, and shows the build's errors over
// the page until a build succeeds.
(() => {
  "use strict";
  const script = document.currentScript;
  const key = "timeline-live-scroll:" + location.pathname;

  // Back where the reader was before the reload.
  const saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    const [x, y] = JSON.parse(saved);
    // Instantly: a theme's smooth scrolling would animate from the top.
    const restore = () => window.scrollTo({ left: x, top: y, behavior: "instant" });
    if (document.readyState === "complete") restore();
    else window.addEventListener("load", restore, { once: true });
  }

  const url = "/__timeline/events?path=" + encodeURIComponent(location.pathname) +
    "&hash=" + encodeURIComponent(script.dataset.hash || "");
  const events = new EventSource(url);
  // For debugging, and for tests to know when the page listens.
  window.timelineLive = events;

  events.addEventListener("reload", () => {
    sessionStorage.setItem(key, JSON.stringify([window.scrollX, window.scrollY]));
    events.close();
    location.reload();
  });

  events.addEventListener("css", (e) => {
    const changed = JSON.parse(e.data);
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      const u = new URL(link.href, location.href);
      if (u.origin !== location.origin || !changed.includes(u.pathname.replace(/^\//, ""))) continue;
      u.searchParams.set("live", Date.now().toString());
      const fresh = link.cloneNode();
      fresh.href = u.href;
      // The old sheet goes once the new one applies: no unstyled flash.
      fresh.addEventListener("load", () => link.remove(), { once: true });
      fresh.addEventListener("error", () => fresh.remove(), { once: true });
      link.after(fresh);
    }
  });

  events.addEventListener("build-error", (e) => show(JSON.parse(e.data)));
  events.addEventListener("build-ok", hide);

  const id = "timeline-live-errors";

  function hide() {
    const host = document.getElementById(id);
    if (host) host.remove();
  }

  // The overlay lives in a shadow root, out of reach of the site's CSS.
  function show(errors) {
    let host = document.getElementById(id);
    if (!host) {
      host = document.createElement("div");
      host.id = id;
      host.attachShadow({ mode: "open" });
      document.body.append(host);
    }
    const root = host.shadowRoot;
    root.replaceChildren();
    const style = document.createElement("style");
    style.textContent = `
      .box { position: fixed; inset: auto 1rem 1rem 1rem; max-height: 60vh; overflow: auto;
        z-index: 2147483647; margin: 0; padding: 1rem 1.25rem; border-radius: 8px;
        background: #2b0d0d; color: #fde8e8; border: 2px solid #f05252;
        font: 14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
        box-shadow: 0 8px 32px rgba(0,0,0,.5); }
      h2 { margin: 0 0 .5rem; font: bold 16px/1.4 system-ui, sans-serif; color: #fff; }
      p { margin: 0 0 .75rem; font-family: system-ui, sans-serif; }
      ol { margin: 0; padding-left: 1.5rem; }
      li { margin: .25rem 0; white-space: pre-wrap; }
      .where { color: #fbd38d; font-weight: bold; }
      .help { display: block; color: #cbd5e0; padding-left: 1rem; }
      button { float: right; font: inherit; color: inherit; background: transparent;
        border: 1px solid currentColor; border-radius: 4px; padding: 0 .5rem; cursor: pointer; }`;
    const box = document.createElement("section");
    box.className = "box";
    box.setAttribute("role", "alert");
    box.setAttribute("aria-labelledby", "title");
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.addEventListener("click", hide);
    const title = document.createElement("h2");
    title.id = "title";
    title.textContent = errors.length === 1 ? "The site has an error" : `The site has ${errors.length} errors`;
    const note = document.createElement("p");
    note.textContent = "This is the last version that built. Fix the file and save: this goes away by itself.";
    const list = document.createElement("ol");
    for (const err of errors) {
      const item = document.createElement("li");
      if (err.file) {
        const where = document.createElement("span");
        where.className = "where";
        where.textContent = err.file + (err.line ? ":" + err.line : "") + ": ";
        item.append(where);
      }
      item.append(err.msg);
      if (err.help) {
        const help = document.createElement("span");
        help.className = "help";
        help.textContent = err.help;
        item.append(help);
      }
      list.append(item);
    }
    box.append(close, title, note, list);
    root.append(style, box);
  }
})();
