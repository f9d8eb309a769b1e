// For a page that embeds lambdanet-edu quizzes or exercises in iframes: each frame reports its
// content's height ({type: "lambdanet-edu:height", id, height}); this sets that frame's height.
// Only a message from one of this page's iframes, sent by that frame's own origin, with a
// plausible height, is used; everything else is ignored.
(() => {
  if (window.lambdanetEduHost) return;  // included twice: listen once
  window.lambdanetEduHost = true;
  window.addEventListener("message", (event) => {
    const data = event.data;
    if (!data || typeof data !== "object" || data.type !== "lambdanet-edu:height") return;
    if (typeof data.height !== "number" || !Number.isFinite(data.height) ||
        data.height < 1 || data.height > 100000) return;
    for (const frame of document.getElementsByTagName("iframe")) {
      if (frame.contentWindow !== event.source) continue;
      let origin = null;
      try { origin = new URL(frame.src, location.href).origin; } catch { return; }
      if (origin !== event.origin) return;
      frame.style.height = `${Math.ceil(data.height)}px`;
      return;
    }
  });
})();
