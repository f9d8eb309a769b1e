// Registers the course's service worker (/sw.js, written by hooks/site_build/offline.py), which
// keeps this build for reading and running offline, and says when a new build is ready: the
// new one is installed beside the old and replaces it, whole, when the learner reloads.
//
// Registered once the page is quiet, never while Python starts: installing downloads the whole
// course (about 5 MB, every file checked against its digest), which on a phone or a 2-core
// machine would compete with the learner's first result for the network and the CPU. So it
// waits for the page's load, a few seconds more (a learner who came to run code usually starts
// in that time), any Python boot in progress and the snapshot it makes, and an idle moment.
// Once Python has been used in this visit, the service worker is asked to keep Pyodide's files
// and the wheel (from the HTTP cache, checked): the course then runs offline too.
// Not inside another site's frame (an embed), whose storage belongs to that site.

import { python } from "./python.js";

const QUIET_MS = 3000;
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

/** Asks the service worker to keep what Python needs to run offline (it skips what it has). */
function keepPython(registration) {
  const worker = registration.active;
  if (worker && python.boots > 0) worker.postMessage("keep-python");
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
  await navigator.serviceWorker.ready;
  keepPython(registration);
  // Python started later in this visit: keep its files once it is quiet again.
  python.onQuiet(() => keepPython(registration));
}

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const idle = () => new Promise((resolve) =>
  (self.requestIdleCallback ? requestIdleCallback(() => resolve(), { timeout: 2000 })
                            : setTimeout(resolve, 0)));

/** Resolves once the page is quiet (see the top of this file). */
export async function quiet() {
  if (document.readyState !== "complete") {
    await new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
  }
  await pause(QUIET_MS);
  await python.quiet();
  await idle();
}

if (typeof window !== "undefined" && typeof document !== "undefined") {
  quiet().then(registerOffline).catch(() => {});  // offline reading is a bonus
}
