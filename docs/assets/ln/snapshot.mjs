// Python from a memory snapshot on a later visit. The first boot in a browser (Pyodide, the
// model's wheel, the grader imported) ends with a snapshot of Python's memory, compressed
// (CompressionStream, about 31 MB -> 7 MB) and kept in Cache Storage; the next visit starts
// Pyodide from it instead of booting and importing again (8x faster in Node).
//
// Made in the learner's browser rather than at build time: downloading a build-time snapshot
// on a first visit costs more bytes than it saves on a slow link, and a browser-made one costs
// no download at all.
//
// A snapshot is used only if it is exactly the one this site would make: its key names the
// digests of every file that went into it (Pyodide's core and the wheel, from the build) and
// the grader module, its Pyodide version must be the running one, and the SHA-256 of its bytes
// must match the digest stored with it. Anything else deletes it, and Python boots normally
// (and makes a new one): a new build of the site changes the key, so the old one goes.
//
// `_loadSnapshot`, `_makeSnapshot` and `makeMemorySnapshot()` are private Pyodide API: the
// version is pinned in package.json and tests/browser/test_speed_in_browser.py takes both paths.

const CACHE = "ln-python-snapshot";
const entry = () => new URL("/__ln-python-snapshot__", self.location.href).href;

/** Python code that installs a wheel from its bytes (at `path`) without loadPackage: a
 *  snapshot must not hold references to JavaScript objects, which loadPackage leaves behind. */
export const INSTALL_WHEEL = `
import importlib, os, sysconfig, zipfile
with zipfile.ZipFile(WHEEL_PATH) as wheel:
    wheel.extractall(sysconfig.get_paths()["purelib"])
os.remove(WHEEL_PATH)
importlib.invalidate_caches()
`;

/** Whether this browser can keep and check a snapshot (Cache Storage, streams, digests). */
export function canSnapshot() {
  return typeof caches !== "undefined" && Boolean(self.crypto && crypto.subtle) &&
    typeof CompressionStream !== "undefined" && typeof DecompressionStream !== "undefined";
}

async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** The key of the snapshot a boot with these inputs makes: a digest of all of them. */
export async function snapshotKey(inputs) {
  const text = JSON.stringify(Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : 1)));
  return sha256(new TextEncoder().encode(text));
}

/** The kept snapshot's bytes if it is the one for `key` and Pyodide `version` and is intact;
 *  otherwise null (and a snapshot that does not qualify is deleted). */
export async function readSnapshot(key, version) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(entry());
  if (!kept) return null;
  const headers = kept.headers;
  if (headers.get("x-ln-key") !== key || headers.get("x-ln-pyodide") !== version) {
    await cache.delete(entry());
    return null;
  }
  try {
    const raw = new Uint8Array(await new Response(
      kept.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer());
    if (await sha256(raw) === headers.get("x-ln-sha256")) return raw;
  } catch {
    // not gzip, or cut short: deleted below
  }
  await cache.delete(entry());
  return null;
}

/** Keeps `raw` (a memory snapshot) compressed, replacing any earlier one. */
export async function writeSnapshot(key, version, raw) {
  const digest = await sha256(raw);
  const packed = await new Response(
    new Blob([raw]).stream().pipeThrough(new CompressionStream("gzip"))).blob();
  const cache = await caches.open(CACHE);
  await cache.put(entry(), new Response(packed, { headers: {
    "content-type": "application/octet-stream", "x-ln-key": key, "x-ln-pyodide": version,
    "x-ln-sha256": digest } }));
}

/** Deletes the kept snapshot (one that failed to start). */
export async function forgetSnapshot() {
  if (typeof caches !== "undefined") await (await caches.open(CACHE)).delete(entry());
}
