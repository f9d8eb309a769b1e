// Embed pages: the theme (?theme=light|dark, else the system's), and the height protocol. A classic script in
// <head>, so the theme is set before the first paint.
//
// Height protocol: whenever the page's height changes, it posts
//   {type: "lambdanet-edu:height", id: "quiz/<ID>" | "exercise/<ID>", height: <CSS px>}
// to window.parent (only when framed). embed-host.js is a listener a host page may include.
(() => {
  const root = document.documentElement;
  const theme = new URLSearchParams(location.search).get("theme");
  if (theme === "light" || theme === "dark") {
    root.dataset.theme = theme;
  } else {  // follow the reader's system setting, also when it changes
    const dark = matchMedia("(prefers-color-scheme: dark)");
    const follow = () => { root.dataset.theme = dark.matches ? "dark" : "light"; };
    follow();
    dark.addEventListener("change", follow);
  }
  if (window.parent === window) return;

  let last = -1;
  const post = () => {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "lambdanet-edu:height", id: root.dataset.lnEmbed, height }, "*");
  };
  const start = () => {
    post();
    new ResizeObserver(post).observe(document.body);
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.addEventListener("load", post);
})();
