(() => {
  "use strict";
  // Written into every page before Material's bundle (overrides/main.html says why).
  const INDEX = /\/search\/search_index\.json$/;
  const SEARCH = '.md-search, label[for="__search"], input#__search';
  const EVENTS = ["pointerover", "pointerdown", "touchstart", "focusin"];

  let release;
  const wanted = new Promise((resolve) => { release = resolve; });
  function reached(event) {
    if (!(event.target instanceof Element) || !event.target.closest(SEARCH)) return;
    release();
    for (const type of EVENTS) document.removeEventListener(type, reached, true);
  }
  // Passive: it only watches, so scrolling by touch never waits for it.
  const watching = { capture: true, passive: true };
  for (const type of EVENTS) document.addEventListener(type, reached, watching);
  if (new URLSearchParams(location.search).has("q")) release();  // a search shared as a link

  // Only the index's request waits; every other request goes as it is.
  const { open, send } = XMLHttpRequest.prototype;
  const held = new WeakSet();
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (INDEX.test(new URL(url, location.href).pathname)) held.add(this);
    else held.delete(this);
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (body) {
    if (!held.has(this)) return send.call(this, body);
    wanted.then(() => send.call(this, body));
  };
})();
