// The saved-progress format (docs/assets/ln/store.js) over an in-memory Storage: its keys, what
// the widgets' calls write, and that nothing throws when the browser refuses storage.

import assert from "node:assert/strict";
import { beforeEach, describe, test } from "node:test";

import * as store from "../../docs/assets/ln/store.js";

/** The Web Storage interface, in memory; `full` makes setItem throw as a full quota does. */
class MemoryStorage {
  constructor(items = {}) { this.items = new Map(Object.entries(items)); this.full = false; }
  get length() { return this.items.size; }
  key(i) { return [...this.items.keys()][i] ?? null; }
  getItem(key) { return this.items.has(key) ? this.items.get(key) : null; }
  setItem(key, value) {
    if (this.full) throw new DOMException("quota", "QuotaExceededError");
    this.items.set(key, String(value));
  }
  removeItem(key) { this.items.delete(key); }
}

let storage;
const saved = (key) => JSON.parse(storage.getItem(key));
beforeEach(() => {
  storage = new MemoryStorage();
  // defineProperty: a Node with its own Web Storage has an accessor there, not a plain value.
  Object.defineProperty(globalThis, "localStorage", { value: storage, writable: true, configurable: true });
});

describe("keys", () => {
  test("every key starts with the site's prefix", () => {
    assert.equal(store.PREFIX, "lambdanet-edu:");
    assert.equal(store.keys.progress, "lambdanet-edu:progress");
    assert.equal(store.keys.code("eni-count"), "lambdanet-edu:code:eni-count");
    assert.equal(store.keys.earlierCode("eni-count", "0ld0ld"), "lambdanet-edu:code:eni-count@0ld0ld");
  });
  for (const [key, kind] of [
    ["lambdanet-edu:progress", { kind: "progress" }],
    ["lambdanet-edu:code:eni-count", { kind: "code", id: "eni-count" }],
    ["lambdanet-edu:code:eni_count2", { kind: "code", id: "eni_count2" }],
    ["lambdanet-edu:code:eni-count@3f2a9c", { kind: "earlier", id: "eni-count", version: "3f2a9c" }],
    ["lambdanet-edu:progress2", null],
    ["lambdanet-edu:code:", null],
    ["lambdanet-edu:code:a b", null],
    ["lambdanet-edu:code:a@", null],
    ["lambdanet-edu:code:a@b@c", null],
    ["lambdanet-edu:something-new", null],
    ["other-site:progress", null],
    ["progress", null],
    [42, null],
  ]) {
    test(`${JSON.stringify(key)} is ${JSON.stringify(kind)}`, () => assert.deepEqual(store.kindOf(key), kind));
  }
  test("the format version is 1, and a file of that version is what the progress file writes", () => {
    assert.equal(store.VERSION, 1);
  });
});

describe("exercise progress", () => {
  const now = new Date("2026-03-04T05:06:07Z");
  test("a first failed check is 'tried', and a real attempt is counted", () => {
    const entry = store.recordCheck("e", "v1", false, true, now);
    assert.deepEqual(entry, { attempts: 1, realAttempts: 1, version: "v1", lastTried: now.toISOString(),
                              status: "tried" });
    assert.deepEqual(saved(store.keys.progress), { exercises: { e: entry }, quizzes: {} });
  });
  test("a pass stays a pass after a later failure; checks of the starter are not real", () => {
    store.recordCheck("e", "v1", true, false, now);
    const entry = store.recordCheck("e", "v1", false, false, new Date("2026-03-05T00:00:00Z"));
    assert.deepEqual([entry.status, entry.attempts, entry.realAttempts, entry.passedAt],
                     ["passed", 2, 0, now.toISOString()]);
    assert.deepEqual(store.exerciseProgress("e"), entry);
  });
  test("an exercise never checked has an empty entry", () => {
    assert.deepEqual(store.exerciseProgress("nothing"), {});
  });
  test("a check keeps the quizzes' part", () => {
    storage.setItem(store.keys.progress, JSON.stringify({ quizzes: { q: { questions: {} } } }));
    store.recordCheck("e", "v1", true, true, now);
    assert.deepEqual(saved(store.keys.progress).quizzes, { q: { questions: {} } });
  });
  for (const [name, stored] of [["not JSON", "{oops"], ["a list", "[]"], ["a string", '"x"'],
                                ["exercises as a list", '{"exercises": []}']]) {
    test(`stored progress that is ${name} reads as empty, and a check starts it again`, () => {
      storage.setItem(store.keys.progress, stored);
      assert.deepEqual(store.readProgress(), { exercises: {}, quizzes: {} });
      assert.equal(store.recordCheck("e", "v1", true, true, now).status, "passed");
    });
  }
});

describe("quizzes", () => {
  test("a quiz's entry is saved beside the exercises' part", () => {
    store.recordCheck("e", "v1", true, true);
    assert.equal(store.saveQuiz("q", { version: "v", questions: {} }), true);
    assert.deepEqual(store.quizEntries(), { q: { version: "v", questions: {} } });
    assert.equal(saved(store.keys.progress).exercises.e.status, "passed");
  });
  test("a full storage says false, and throws nothing", () => {
    storage.full = true;
    assert.equal(store.saveQuiz("q", { questions: {} }), false);
  });
});

describe("code", () => {
  test("saved code reads back with its version and time", () => {
    assert.equal(store.saveCode("e", "x = 1\n", "v1", 1234), true);
    assert.deepEqual(store.readCode("e"), { code: "x = 1\n", version: "v1", savedAt: 1234 });
  });
  for (const [name, stored] of [["not JSON", "{"], ["without code", '{"version": "v1"}'],
                                ["code that is a number", '{"code": 5}']]) {
    test(`stored code that is ${name} reads as none`, () => {
      storage.setItem(store.keys.code("e"), stored);
      assert.equal(store.readCode("e"), null);
    });
  }
  test("'Your earlier code' is the newest kept for that exercise only", () => {
    store.keepEarlierCode("e", { code: "old", version: "v0", savedAt: 1 });
    store.keepEarlierCode("e", { code: "older still", version: "vx", savedAt: 0 });
    store.keepEarlierCode("e", { code: "newer", version: "v1", savedAt: 5 });
    store.keepEarlierCode("other", { code: "not this one", version: "v9", savedAt: 9 });
    storage.setItem(store.keys.earlierCode("e", "v8"), '"not an entry"');
    assert.deepEqual(store.earlierCode("e"), { code: "newer", version: "v1", savedAt: 5 });
    assert.equal(store.earlierCode("nothing"), null);
  });
  test("a full storage says false when saving code", () => {
    storage.full = true;
    assert.equal(store.saveCode("e", "x", "v1"), false);
  });
});

describe("all entries", () => {
  test("entries() gives every entry of this site that is JSON, by full key", () => {
    storage.setItem("lambdanet-edu:progress", '{"exercises": {}}');
    storage.setItem("lambdanet-edu:code:e", '{"code": "x"}');
    storage.setItem("lambdanet-edu:broken", "{");
    storage.setItem("another-site:progress", "{}");
    assert.deepEqual(store.entries(), { "lambdanet-edu:progress": { exercises: {} },
                                        "lambdanet-edu:code:e": { code: "x" } });
  });
  test("writeEntries writes JSON, and refuses a key that is not ours", () => {
    store.writeEntries({ "lambdanet-edu:code:e": { code: "y" } });
    assert.deepEqual(saved("lambdanet-edu:code:e"), { code: "y" });
    assert.throws(() => store.writeEntries({ "elsewhere:x": 1 }), /not a key of this site: elsewhere:x/);
  });
  test("writeEntries throws when storage does (the progress page says so)", () => {
    storage.full = true;
    assert.throws(() => store.writeEntries({ "lambdanet-edu:code:e": { code: "y" } }), /quota/);
  });
});

describe("no storage at all", () => {
  const blocked = {
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
    configurable: true,
  };
  test("reads fall back, writes say false, entries are none, nothing throws at a widget", () => {
    Object.defineProperty(globalThis, "localStorage", blocked);
    try {
      assert.deepEqual(store.readProgress(), { exercises: {}, quizzes: {} });
      assert.equal(store.readCode("e"), null);
      assert.equal(store.earlierCode("e"), null);
      assert.equal(store.saveCode("e", "x", "v1"), false);
      assert.equal(store.saveQuiz("q", {}), false);
      assert.equal(store.recordCheck("e", "v1", true, true).status, "passed");
      assert.deepEqual(store.entries(), {});
      assert.throws(() => store.writeEntries({ "lambdanet-edu:x": 1 }), /no storage/);
    } finally {
      Object.defineProperty(globalThis, "localStorage", { value: storage, writable: true, configurable: true });
    }
  });
});

describe("the one schema (issue 13's reproducers)", () => {
  for (const key of ["XXXXXXXXXXXXXXprogress", "lambdanet-edu:progressX", "xlambdanet-edu:progress",
                     "lambdanet-edu:code:__proto__", "lambdanet-edu:code:e@__proto__",
                     "lambdanet-edu:something-new"]) {
    test(`${key} is not a key of this site`, () => assert.equal(store.kindOf(key), null));
  }
  for (const status of ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "PASSED"]) {
    test(`status ${status} is refused (an allowlist, not an object's keys)`, () => {
      assert.match(store.problem("progress", { exercises: { e: { status } } }),
                   /\.exercises\.e should have a status of "passed" or "tried"/);
    });
  }
  test("__proto__ is never an id", () => {
    assert.equal(store.isId("__proto__"), false);
    assert.equal(store.isId("eni-count"), true);
    const value = JSON.parse('{"__proto__": {"status": "passed"}, "e": {"status": "tried"}}');
    assert.deepEqual(store.entriesOf(value).map(([id]) => id), ["e"]);
    assert.deepEqual(store.refusedIds(value), ["__proto__"]);
  });
});

describe("writeEntries is all or nothing", () => {
  /** Storage holding at most `limit` characters of keys and values, as a quota does. */
  const quota = (limit) => {
    const setItem = storage.setItem.bind(storage);
    const size = (items) => [...items].reduce((n, [k, v]) => n + k.length + v.length, 0);
    storage.setItem = (key, value) => {
      const next = new Map(storage.items).set(key, String(value));
      if (size(next) > limit) throw new DOMException("quota", "QuotaExceededError");
      setItem(key, value);
    };
  };
  test("when storage fills part way, every entry is as it was and the call throws", () => {
    storage.setItem("lambdanet-edu:code:a", JSON.stringify({ code: "old a", version: "v" }));
    const before = new Map(storage.items);
    const entry = "lambdanet-edu:code:a".length + JSON.stringify({ code: "old a", version: "v" }).length;
    quota(2 * entry);  // a and b fit, c does not
    assert.throws(() => store.writeEntries({
      "lambdanet-edu:code:a": { code: "new a", version: "v" },
      "lambdanet-edu:code:b": { code: "new b", version: "v" },
      "lambdanet-edu:code:c": { code: "new c", version: "v" },
    }), /quota/);
    assert.deepEqual(new Map(storage.items), before);
  });
  test("a key outside the schema refuses the whole write before anything is written", () => {
    assert.throws(() => store.writeEntries({ "lambdanet-edu:code:a": { code: "x", version: "v" },
                                             "lambdanet-edu:other": 1 }), /not a key of this site/);
    assert.equal(storage.length, 0);
  });
});
