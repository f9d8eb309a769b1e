// Registers the course's service worker (/sw.js, written by hooks/site_build/offline.py), which
// keeps this build for reading and running offline, and says when a new build is ready: the
// new one is installed beside the old and replaces it, whole, when the learner reloads.
// Registered after the page has loaded, so it never slows the first paint; not inside another
// site's frame (an embed), whose storage belongs to that site.

const ROOT = new URL("../../", import.meta.url);  // the site root, where sw.js lives

/** Shows the "new version" notice; its button moves to the new build and reloads. */
function announce(waiting) {
  if (document.querySelector(".ln-update")) return;
  const box = document.createElement("div");
  box.className = "ln-update";
  box.setAttribute("role", "status");
  const text = document.createElement("span");
  text.textContent = "A new version of this course is ready. ";
  const reload = document.createElement("button");
  reload.type = "button";
  reload.className = "md-button md-button--primary";
  reload.textContent = "Reload to use it";
  reload.addEventListener("click", () => waiting.postMessage("skip-waiting"));
  box.append(text, reload);
  document.body.append(box);
}

export async function registerOffline() {
  if (!("serviceWorker" in navigator) || !self.isSecureContext || window.top !== window) return;
  const registration = await navigator.serviceWorker.register(new URL("sw.js", ROOT).href,
                                                              { scope: ROOT.href });
  const hadController = Boolean(navigator.serviceWorker.controller);
  // A page shown by one build must not go on with another: once the new one takes over, reload.
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (hadController) location.reload();
  });
  const watch = (worker) => {
    if (!worker) return;
    const check = () => {
      if (worker.state === "installed" && navigator.serviceWorker.controller) announce(worker);
    };
    worker.addEventListener("statechange", check);
    check();
  };
  watch(registration.waiting);
  registration.addEventListener("updatefound", () => watch(registration.installing));
}

if (typeof window !== "undefined" && typeof document !== "undefined") {
  const start = () => registerOffline().catch(() => {});  // offline reading is a bonus
  if (document.readyState === "complete") setTimeout(start, 0);
  else window.addEventListener("load", () => setTimeout(start, 0), { once: true });
}
