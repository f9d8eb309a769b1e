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

async function sha384(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-384", buffer));
  return "sha384-" + btoa(String.fromCharCode(...digest));
}

// Pyodide's files and the wheel, kept once Python has fetched them and they check out.
async function keepOnUse(url, response, digest) {
  const body = await response.clone().arrayBuffer();
  if (await sha384(body) !== digest) return;
  const cache = await caches.open(CACHE);
  await cache.put(url, new Response(body, { status: response.status, headers: response.headers }));
}

async function respond(event) {
  const request = event.request;
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  const url = request.url.split("?")[0];
  if (onUse.has(url) && response.status === 200) {
    event.waitUntil(keepOnUse(url, response, onUse.get(url)).catch(() => {}));
  }
  return response;
}

self.addEventListener("install", (event) => event.waitUntil(install()));
self.addEventListener("activate", (event) => event.waitUntil(activate()));
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});
self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  if (request.headers.has("range")) return;
  event.respondWith(respond(event));
});
