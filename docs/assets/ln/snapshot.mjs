// Python from a memory snapshot on a later visit. The first boot in a browser (Pyodide, the
// model's wheel, the grader imported) ends with a snapshot of Python's memory, kept in Cache
// Storage without its zero pages (31 MB -> about 18 MB); the next visit starts Pyodide from it
// instead of booting and importing again.
//
// Why zero pages and not gzip (CompressionStream, 31 MB -> 7.5 MB): measured in Chromium on
// this snapshot, gunzipping took 250-270 ms of the later visit's start, and putting the zero
// pages back takes about 10 ms. 11 MB more on disk buys a fifth of a second on every visit.
//
// Made in the learner's browser rather than at build time: downloading a build-time snapshot
// on a first visit costs more bytes than it saves on a slow link, and a browser-made one costs
// no download at all.
//
// Trust: learner code runs in the same worker and can write Cache Storage, so what is kept
// there proves nothing by itself. The page keeps a record of the snapshot it was told about
// ({key, version, sha256}, in localStorage, which a worker cannot reach; store.js), and a kept
// snapshot is used only if its bytes have that SHA-256, the record's key names the digests of
// every file that went into it (Pyodide's core and the wheel, from the build) and the grader
// module, and its Pyodide version is the running one. The digest is taken with the functions
// this module captured when it loaded, before any learner code ran. Anything else is deleted
// and Python boots normally (and makes a new one): a new build changes the key.
//
// `_loadSnapshot`, `_makeSnapshot` and `makeMemorySnapshot()` are private Pyodide API: the
// version is pinned in package.json and tests/browser/test_speed_in_browser.py takes both paths.

const CACHE = "ln-python-snapshot";
const entry = () => new URL("/__ln-python-snapshot__", self.location.href).href;
const HEX64 = /^[0-9a-f]{64}$/;

// Captured now, before learner code can replace them: a digest begun before learner code runs
// comes out the same whatever it changes later (no lookups on objects it can reach).
const subtle = globalThis.crypto && globalThis.crypto.subtle;
const digestWith = subtle && typeof SubtleCrypto !== "undefined" ? SubtleCrypto.prototype.digest
  : null;
const apply = Reflect.apply;
const Bytes = Uint8Array;
const HEX = Object.freeze(Array.from({ length: 256 }, (_, b) => (b < 16 ? "0" : "") + b.toString(16)));

/** Python code that installs a wheel from its bytes (at `path`) without loadPackage: a
 *  snapshot must not hold references to JavaScript objects, which loadPackage leaves behind.
 *  Only site-packages' finder forgets what it listed: importlib.invalidate_caches() also
 *  imports importlib.metadata (and email), 40-70 ms of a first boot (measured under Node). */
export const INSTALL_WHEEL = `
import os, sys, zipfile
purelib = next((p for p in sys.path if p.endswith("/site-packages")), None)
if purelib is None:
    import sysconfig
    purelib = sysconfig.get_paths()["purelib"]
with zipfile.ZipFile(WHEEL_PATH) as wheel:
    wheel.extractall(purelib)
os.remove(WHEEL_PATH)
finder = sys.path_importer_cache.get(purelib)
if finder is not None:
    finder.invalidate_caches()
del purelib, finder, wheel
`;

/** Whether this browser can keep and check a snapshot (Cache Storage and digests). */
export function canSnapshot() {
  return typeof caches !== "undefined" && Boolean(digestWith);
}

// The kept form: MAGIC, then little-endian u32s (the snapshot's length, the number of pages
// kept, and each kept page's index), then those pages' bytes. A page is PAGE bytes (the last
// may be shorter); a page of zeros is not kept.
const MAGIC = [0x4c, 0x4e, 0x53, 0x4e, 0x41, 0x50, 0x01, 0x00];  // "LNSNAP" 1 0
const PAGE = 4096;

/** `raw` without its zero pages (the kept form above). */
export function pack(raw) {
  const kept = [];
  for (let start = 0; start < raw.length; start += PAGE) {
    const end = Math.min(start + PAGE, raw.length);
    for (let i = start; i < end; i++) {
      if (raw[i] !== 0) {
        kept.push(start / PAGE);
        break;
      }
    }
  }
  const head = MAGIC.length + 4 * (2 + kept.length);
  const lengthOf = (page) => Math.min(PAGE, raw.length - page * PAGE);
  const out = new Uint8Array(head + kept.reduce((sum, page) => sum + lengthOf(page), 0));
  out.set(MAGIC);
  const view = new DataView(out.buffer);
  view.setUint32(MAGIC.length, raw.length, true);
  view.setUint32(MAGIC.length + 4, kept.length, true);
  let at = head;
  kept.forEach((page, i) => {
    view.setUint32(MAGIC.length + 8 + 4 * i, page, true);
    out.set(raw.subarray(page * PAGE, page * PAGE + lengthOf(page)), at);
    at += lengthOf(page);
  });
  return out;
}

/** The snapshot `packed` (pack's output) holds; throws if it is not in that form. */
export function unpack(packed) {
  const fail = () => { throw new Error("not a kept snapshot"); };
  if (packed.length < MAGIC.length + 8 || MAGIC.some((b, i) => packed[i] !== b)) fail();
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const length = view.getUint32(MAGIC.length, true);
  const count = view.getUint32(MAGIC.length + 4, true);
  const head = MAGIC.length + 4 * (2 + count);
  if (count > Math.ceil(length / PAGE) || head > packed.length) fail();
  const raw = new Uint8Array(length);
  let at = head;
  let last = -1;
  for (let i = 0; i < count; i++) {
    const page = view.getUint32(MAGIC.length + 8 + 4 * i, true);
    if (page <= last || page * PAGE >= length) fail();  // in order, inside the snapshot
    last = page;
    const size = Math.min(PAGE, length - page * PAGE);
    if (at + size > packed.length) fail();
    raw.set(packed.subarray(at, at + size), page * PAGE);
    at += size;
  }
  if (at !== packed.length) fail();
  return raw;
}

async function sha256(bytes) {
  const digest = new Bytes(await apply(digestWith, subtle, ["SHA-256", bytes]));
  let hex = "";
  for (let i = 0; i < digest.length; i++) hex += HEX[digest[i]];
  return hex;
}

/** The key of the snapshot a boot with these inputs makes: a digest of all of them. */
export async function snapshotKey(inputs) {
  const text = JSON.stringify(Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : 1)));
  return sha256(new TextEncoder().encode(text));
}

/** Whether `record` has the shape of a snapshot record ({key, version, sha256}). */
export function isRecord(record) {
  return record !== null && typeof record === "object" && HEX64.test(record.key) &&
    HEX64.test(record.sha256) && typeof record.version === "string" &&
    /^[\w.+-]{1,40}$/.test(record.version);
}

/** The kept snapshot's bytes if `record` (the page's) is for `key` and the kept bytes have its
 *  SHA-256; otherwise null, and what is kept is deleted. The caller checks record.version
 *  against the running Pyodide (known only once it is imported, which this runs beside). */
export async function readSnapshot(record, key) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(entry());
  if (!kept) return null;
  if (isRecord(record) && record.key === key) {
    try {
      const raw = unpack(new Uint8Array(await kept.arrayBuffer()));
      if (await sha256(raw) === record.sha256) return raw;
    } catch {
      // not a kept snapshot, or cut short: deleted below
    }
  }
  await cache.delete(entry());
  return null;
}

/** The record the page keeps of `raw`, a memory snapshot made for `key` by Pyodide `version`:
 *  {key, version, sha256}. Begin it before learner code runs. */
export async function recordOf(key, version, raw) {
  return { key, version, sha256: await sha256(raw) };
}

/** Keeps `raw` (a memory snapshot) without its zero pages, replacing any earlier one. */
export async function writeSnapshot(raw) {
  const cache = await caches.open(CACHE);
  await cache.put(entry(), new Response(pack(raw), {
    headers: { "content-type": "application/octet-stream" } }));
}

/** Deletes the kept snapshot (one that failed to start, or from another Pyodide). */
export async function forgetSnapshot() {
  if (typeof caches !== "undefined") await (await caches.open(CACHE)).delete(entry());
}
