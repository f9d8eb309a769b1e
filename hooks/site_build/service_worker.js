// The course's service worker (hooks/site_build/offline.py prepends self.LN_BUILD: this build's
// id, the files kept on install and those kept once used, each with its SHA-384 digest).

const BUILD = self.LN_BUILD;
const PREFIX = "ln-site-";
const CACHE = PREFIX + BUILD.id;
const SCOPE = self.registration.scope;
const AT_ONCE = 6;  // downloads in flight while installing

const key = (path) => new URL(path, SCOPE).href;
const onUse = new Map(Object.entries(BUILD.onUse).map(([path, digest]) => [key(path), digest]));

// Every page and asset of this build, each checked against its digest (fetch refuses a file
// that differs, and the install fails: the build already in place stays).
async function install() {
  const cache = await caches.open(CACHE);
  const queue = Object.entries(BUILD.precache);
  const next = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      const [path, digest] = item;
      const response = await fetch(key(path), { cache: "no-cache", integrity: digest });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      await cache.put(key(path), response);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, next));
}

// Only this build's cache stays (the Python snapshot's cache is not ours: left alone).
async function activate() {
  for (const name of await caches.keys()) {
    if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
  }
  await self.clients.claim();
}

// Pyodide's files and the wheel, kept once the page says Python ran in this browser (it asks
// when Python is quiet, so this never competes with a boot). They come from the HTTP cache,
// where Python's own fetches left them, each checked against its digest.
async function keepPython() {
  const cache = await caches.open(CACHE);
  for (const [url, digest] of onUse) {
    if (await cache.match(url)) continue;
    const response = await fetch(url, { integrity: digest });
    if (response.ok) await cache.put(url, response);
  }
}

const precache = new Map(Object.entries(BUILD.precache).map(([path, d]) => [key(path), d]));
const digests = new Map([...precache, ...onUse]);

async function sha384(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-384", buffer));
  return "sha384-" + btoa(String.fromCharCode(...digest));
}

// Served from this build's cache only if it is still the file the build listed: learner code
// runs on this origin (in the Python worker) and can write Cache Storage, so a kept page could
// otherwise be swapped for one that runs its scripts on every later visit. A file that differs
// is dropped and fetched again (with its digest checked), or refused when offline.
async function respond(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (!hit) return fetch(request);
  const url = hit.url || request.url.split("?")[0];
  const expected = digests.get(url);
  const body = await hit.arrayBuffer();
  if (expected && await sha384(body) === expected) {
    return new Response(body, { status: hit.status, statusText: hit.statusText,
                                headers: hit.headers });
  }
  await cache.delete(request, { ignoreSearch: true });
  if (!expected) return fetch(request);
  const fresh = await fetch(url, { cache: "no-cache", integrity: expected });
  if (fresh.ok) await cache.put(url, fresh.clone());
  return fresh;
}

self.addEventListener("install", (event) => event.waitUntil(install()));
self.addEventListener("activate", (event) => event.waitUntil(activate()));
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
  if (event.data === "keep-python") event.waitUntil(keepPython().catch(() => {}));
});
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  if (request.headers.has("range")) return;
  if (self.navigator.onLine && onUse.has(request.url.split("?")[0])) return;
  event.respondWith(respond(request));
});
