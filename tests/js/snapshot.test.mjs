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

const { canSnapshot, forgetSnapshot, readSnapshot, snapshotKey, writeSnapshot } =
  await import("../../docs/assets/ln/snapshot.mjs");

const raw = new Uint8Array(100_000).map((_, i) => (i * 7) % 251);

test("this runtime can keep snapshots", () => assert.ok(canSnapshot()));

test("the key names every input, in any order", async () => {
  const a = await snapshotKey({ wasm: "sha384-a", wheel: "w1" });
  assert.equal(a, await snapshotKey({ wheel: "w1", wasm: "sha384-a" }));
  assert.notEqual(a, await snapshotKey({ wasm: "sha384-a", wheel: "w2" }));
});

test("a kept snapshot comes back, compressed while kept", async () => {
  await writeSnapshot("k1", "314.0.7", raw);
  const [kept] = store.entries.values();
  assert.ok(kept.body.length < raw.length / 2, "kept gzip-compressed");
  assert.deepEqual(await readSnapshot("k1", "314.0.7"), raw);
});

for (const [why, key, version] of [["another build", "k2", "314.0.7"],
                                   ["another Pyodide", "k1", "314.0.8"]]) {
  test(`a snapshot from ${why} is deleted, not used`, async () => {
    await writeSnapshot("k1", "314.0.7", raw);
    assert.equal(await readSnapshot(key, version), null);
    assert.equal(store.entries.size, 0);
  });
}

for (const [why, damage] of [
  ["changed bytes", (body) => { body[body.length >> 1] ^= 0xff; return body; }],
  ["cut short", (body) => body.slice(0, body.length >> 1)],
  ["not gzip", () => new Uint8Array([1, 2, 3])],
]) {
  test(`a damaged snapshot (${why}) is deleted, not used`, async () => {
    await writeSnapshot("k1", "314.0.7", raw);
    const [[url, kept]] = store.entries.entries();
    store.entries.set(url, { ...kept, body: damage(kept.body.slice()) });
    assert.equal(await readSnapshot("k1", "314.0.7"), null);
    assert.equal(store.entries.size, 0);
  });
}

test("forgetting deletes it", async () => {
  await writeSnapshot("k1", "314.0.7", raw);
  await forgetSnapshot();
  assert.equal(await readSnapshot("k1", "314.0.7"), null);
});
