// The memory snapshot's bookkeeping (docs/assets/ln/snapshot.mjs): a kept snapshot is used only
// when its key, Pyodide version and SHA-256 all match, and is deleted otherwise. Cache Storage
// is not in Node: a small in-memory one stands in for it.

import assert from "node:assert/strict";
import { test } from "node:test";

class MemoryCache {
  constructor() { this.entries = new Map(); }
  async match(url) {
    const kept = this.entries.get(url);
    return kept ? new Response(kept.body, { headers: kept.headers }) : undefined;
  }
  async put(url, response) {
    this.entries.set(url, { body: new Uint8Array(await response.arrayBuffer()),
                            headers: new Headers(response.headers) });
  }
  async delete(url) { return this.entries.delete(url); }
}
const store = new MemoryCache();
globalThis.self = globalThis;
globalThis.location = new URL("http://127.0.0.1:8000/assets/ln/worker.mjs");
globalThis.caches = { open: async () => store };

const { canSnapshot, forgetSnapshot, isRecord, pack, readSnapshot, recordOf, snapshotKey, unpack,
        writeSnapshot } = await import("../../docs/assets/ln/snapshot.mjs");

// Like a real snapshot: runs of zero pages between pages of data, and a short last page.
const raw = new Uint8Array(4096 * 40 + 128).map((_, i) =>
  (Math.floor(i / 4096) % 3 === 0 ? 0 : (i * 7) % 251));
const KEY = "a".repeat(64);

/** Keeps `raw` as the worker does; -> the record the page keeps. */
async function keep(bytes = raw, key = KEY, version = "314.0.7") {
  await writeSnapshot(bytes);
  return recordOf(key, version, bytes);
}

test("this runtime can keep snapshots", () => assert.ok(canSnapshot()));

test("the key names every input, in any order", async () => {
  const a = await snapshotKey({ wasm: "sha384-a", wheel: "w1" });
  assert.equal(a, await snapshotKey({ wheel: "w1", wasm: "sha384-a" }));
  assert.notEqual(a, await snapshotKey({ wasm: "sha384-a", wheel: "w2" }));
});

test("zero pages are left out and put back", () => {
  const packed = pack(raw);
  assert.ok(packed.length < raw.length * 0.7, `${packed.length} of ${raw.length}`);
  assert.deepEqual(unpack(packed), raw);
  for (const bytes of [new Uint8Array(0), new Uint8Array(5000), new Uint8Array(4096).fill(9),
                       new Uint8Array([0, 0, 1])]) {
    assert.deepEqual(unpack(pack(bytes)), bytes);
  }
});

test("a kept snapshot comes back when the page's record names it", async () => {
  const record = await keep();
  assert.ok(isRecord(record));
  const [kept] = store.entries.values();
  assert.ok(kept.body.length < raw.length, "kept without its zero pages");
  assert.deepEqual(await readSnapshot(record, KEY), raw);
});

test("a record of another build's snapshot is not used, and what is kept is deleted", async () => {
  const record = await keep();
  assert.equal(await readSnapshot(record, "b".repeat(64)), null);
  assert.equal(store.entries.size, 0);
});

test("without a record (or with a malformed one) nothing kept is trusted", async () => {
  for (const record of [null, undefined, {}, "x", { key: KEY, version: "314.0.7", sha256: "00" },
                        { key: KEY, version: "<script>", sha256: "0".repeat(64) }]) {
    await keep();
    assert.equal(await readSnapshot(record, KEY), null, JSON.stringify(record));
    assert.equal(store.entries.size, 0);
  }
});

test("a snapshot planted in the cache (learner code can write it) fails the page's record", async () => {
  const record = await keep();
  const planted = raw.slice();
  planted[5000] ^= 0xff;
  await writeSnapshot(planted);  // a well-formed snapshot, but not the one the page recorded
  assert.equal(await readSnapshot(record, KEY), null);
  assert.equal(store.entries.size, 0);
});

for (const [why, damage] of [
  ["changed bytes", (body) => { body[body.length - 10] ^= 0xff; return body; }],
  ["cut short", (body) => body.slice(0, body.length >> 1)],
  ["one byte more", (body) => Uint8Array.from([...body, 0])],
  ["not a kept snapshot", () => new Uint8Array([1, 2, 3])],
  ["a page out of range", (body) => { new DataView(body.buffer).setUint32(16, 1 << 30, true); return body; }],
]) {
  test(`a damaged snapshot (${why}) is deleted, not used`, async () => {
    const record = await keep();
    const [[url, kept]] = store.entries.entries();
    store.entries.set(url, { ...kept, body: damage(kept.body.slice()) });
    assert.equal(await readSnapshot(record, KEY), null);
    assert.equal(store.entries.size, 0);
  });
}

test("the record's digest does not follow later changes to the page's built-ins", async () => {
  const honest = await recordOf(KEY, "314.0.7", raw);
  const join = Array.prototype.join;
  const call = Function.prototype.call;
  Array.prototype.join = () => "f".repeat(64);
  Function.prototype.call = function () { return "forged"; };
  try {
    assert.deepEqual(await recordOf(KEY, "314.0.7", raw), honest);
  } finally {
    Array.prototype.join = join;
    Function.prototype.call = call;
  }
});

test("forgetting deletes it", async () => {
  const record = await keep();
  await forgetSnapshot();
  assert.equal(await readSnapshot(record, KEY), null);
});
