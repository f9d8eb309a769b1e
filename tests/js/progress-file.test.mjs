// The progress file (docs/assets/ln/progress-file.js): what is refused, and how a file merges into
// what a browser keeps. tests/browser/test_progress_file.py drives the same code through the page.

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { FORMAT, describe as describeMerge, merge, parse, progressFile }
  from "../../docs/assets/ln/progress-file.js";
import { VERSION } from "../../docs/assets/ln/store.js";

const K = "lambdanet-edu:";
const file = (changes = {}) => ({ format: FORMAT, version: VERSION, exportedAt: "2026-11-27T10:00:00.000Z",
                                  site: "http://elsewhere.example/", items: {}, ...changes });
const text = (changes) => JSON.stringify(file(changes));
const code = (body, savedAt, version = "v1") => ({ code: body, version, savedAt });

describe("progressFile", () => {
  test("names the format, this store's version, the time and the site, around the entries", () => {
    const items = { [`${K}progress`]: { exercises: {} } };
    assert.deepEqual(progressFile(items, "http://here/", new Date("2026-01-02T03:04:05Z")), {
      format: "lambdanet-edu-progress", version: 1, exportedAt: "2026-01-02T03:04:05.000Z",
      site: "http://here/", items });
  });
  test("what it writes, parse reads back", () => {
    const items = { [`${K}code:eni-count`]: code("x = 1\n", 5) };
    assert.deepEqual(parse(JSON.stringify(progressFile(items, "s"))).file.items, items);
  });
});

describe("parse refuses what is not a progress file of this version", () => {
  for (const [name, input, message] of [
    ["not JSON", "{not json", /^This file is not a progress file: it is not JSON \(/],
    ["a list", "[1, 2]", /its "format" should be "lambdanet-edu-progress", got a JSON list\.$/],
    ["a number", "42", /got a JSON number\.$/],
    ["null", "null", /got a JSON null\.$/],
    ["a string", '"lambdanet-edu-progress"', /got a JSON string\.$/],
    ["no format", text({ format: undefined }), /got undefined\.$/],
    ["another format", text({ format: "someone-else" }), /got "someone-else"\.$/],
    ["a newer version", text({ version: 2 }),
     /^This progress file has format version 2; this site reads version 1\. /],
    ["a version as text", text({ version: "1" }), /has format version "1"; this site reads version 1/],
    ["no version", text({ version: null }), /has format version null;/],
    ["items as a list", text({ items: [] }), /"items" should be an object of saved entries, got \[\]\.$/],
    ["no items", text({ items: null }), /"items" should be an object of saved entries, got null\.$/],
    ["code that is not text", text({ items: { [`${K}code:eni-count`]: { code: 5, version: "v1" } } }),
     /entry "lambdanet-edu:code:eni-count" should hold code \(text\) and the exercise's version; nothing was loaded\.$/],
    ["code without a version", text({ items: { [`${K}code:eni-count`]: { code: "x" } } }),
     /should hold code \(text\) and the exercise's version/],
    ["earlier code that is a string", text({ items: { [`${K}code:eni-count@v0`]: "x = 1" } }),
     /entry "lambdanet-edu:code:eni-count@v0" should hold code/],
    ["progress as a list", text({ items: { [`${K}progress`]: [] } }), /"lambdanet-edu:progress" should be an object;/],
    ["exercises as a list", text({ items: { [`${K}progress`]: { exercises: [] } } }), /\.exercises should be an object;/],
    ["quizzes as text", text({ items: { [`${K}progress`]: { quizzes: "all" } } }), /\.quizzes should be an object;/],
    ["an unknown status", text({ items: { [`${K}progress`]: { exercises: { "eni-count": { status: "won" } } } } }),
     /\.exercises\.eni-count should have a status of "passed" or "tried"; nothing was loaded\.$/],
    ["a status inherited by every object", text({ items: { [`${K}progress`]: { exercises: { x: { status: "toString" } } } } }),
     /\.exercises\.x should have a status of "passed" or "tried"/],
    ["a quiz without questions", text({ items: { [`${K}progress`]: { quizzes: { egress: { score: 1 } } } } }),
     /\.quizzes\.egress should have questions;/],
  ]) {
    test(name, () => {
      const got = parse(input);
      assert.equal(got.file, undefined);
      assert.match(got.error, message);
    });
  }
  test("a file far bigger than a year of work", () => {
    assert.match(parse(" ".repeat(5_000_001)).error, /^This file is 5 MB; a progress file is far smaller\./);
  });
  test("entries of keys that are not ours are not checked (merge skips them)", () => {
    const items = { "someone-else:progress": 5, [`${K}something-new`]: [1], [`${K}code:bad id`]: 3 };
    assert.deepEqual(parse(text({ items })).file.items, items);
  });
  test("a good file, empty or full", () => {
    assert.ok(parse(text()).file);
    const items = {
      [`${K}progress`]: { exercises: { a: { status: "passed" }, b: { status: "tried" } },
                          quizzes: { q: { questions: {} } } },
      [`${K}code:a`]: code("a", 1), [`${K}code:a@v0`]: code("old", 0, "v0"),
    };
    assert.deepEqual(parse(text({ items })).file.items, items);
  });
});

describe("merge: exercises", () => {
  const progress = (exercises) => ({ [`${K}progress`]: { exercises } });
  const merged = (mine, theirs) =>
    merge(progress(mine), file({ items: progress(theirs) })).writes[`${K}progress`].exercises;
  for (const [mine, theirs, status] of [
    ["passed", "tried", "passed"], ["tried", "passed", "passed"],
    ["tried", "tried", "tried"], ["passed", "passed", "passed"],
  ]) {
    test(`mine ${mine}, the file's ${theirs}: ${status}`, () => {
      assert.equal(merged({ e: { status: mine } }, { e: { status: theirs } }).e.status, status);
    });
  }
  test("the better entry's fields win, the counts are the larger of each", () => {
    const got = merged({ e: { status: "passed", attempts: 3, realAttempts: 1, passedAt: "mine", version: "v2" } },
                       { e: { status: "tried", attempts: 5, realAttempts: 0, lastTried: "theirs", version: "v1" } });
    assert.deepEqual(got.e, { status: "passed", attempts: 5, realAttempts: 1, passedAt: "mine",
                              lastTried: "theirs", version: "v2" });
  });
  test("at equal status mine wins, counts still the larger", () => {
    const got = merged({ e: { status: "tried", attempts: 1, version: "mine" } },
                       { e: { status: "tried", attempts: 4, version: "theirs" } });
    assert.deepEqual([got.e.version, got.e.attempts, got.e.realAttempts], ["mine", 4, 0]);
  });
  test("exercises only one side has are kept from that side", () => {
    const got = merged({ mine: { status: "tried", attempts: 1 } }, { theirs: { status: "passed", attempts: 2 } });
    assert.deepEqual(Object.keys(got).sort(), ["mine", "theirs"]);
    assert.deepEqual(got.theirs, { status: "passed", attempts: 2 });
  });
  test("the quizzes part of mine stays when the file has none", () => {
    const mine = { [`${K}progress`]: { exercises: {}, quizzes: { q: { questions: {}, score: 0 } } } };
    const { writes } = merge(mine, file({ items: progress({ e: { status: "passed" } }) }));
    assert.deepEqual(writes[`${K}progress`].quizzes, { q: { questions: {}, score: 0 } });
  });
  test("nothing stored yet: the file's progress is taken as it is", () => {
    const { writes, done } = merge({}, file({ items: progress({ e: { status: "passed", attempts: 1 } }) }));
    assert.deepEqual(writes[`${K}progress`], { exercises: { e: { status: "passed", attempts: 1 } }, quizzes: {} });
    assert.equal(done.exercises, 1);
  });
});

describe("merge: quizzes", () => {
  const quiz = (questions, extra = {}) => ({ [`${K}progress`]: { quizzes: { q: { version: "v", questions, ...extra } } } });
  const q = (correct, firstTry, attempts, answer) => ({ variant: 0, answer, correct, firstTry, attempts });
  const merged = (mine, theirs) => merge(mine, file({ items: theirs })).writes[`${K}progress`].quizzes.q;
  for (const [name, mine, theirs, winner] of [
    ["right beats wrong", q(false, false, 9, "mine"), q(true, false, 1, "theirs"), "theirs"],
    ["right beats wrong, the other way", q(true, false, 1, "mine"), q(false, false, 9, "theirs"), "mine"],
    ["first try beats later", q(true, false, 1, "mine"), q(true, true, 1, "theirs"), "theirs"],
    ["then more attempts", q(false, false, 2, "mine"), q(false, false, 3, "theirs"), "theirs"],
    ["a tie keeps mine", q(true, true, 1, "mine"), q(true, true, 1, "theirs"), "mine"],
  ]) {
    test(`per question: ${name}`, () => {
      assert.equal(merged(quiz({ one: mine }), quiz({ one: theirs })).questions.one.answer, winner);
    });
  }
  test("the score is recounted and the total is the larger", () => {
    const got = merged(quiz({ one: q(true, true, 1, "a"), two: q(false, false, 2, "b") }, { score: 1, total: 2 }),
                       quiz({ one: q(false, false, 3, "c"), two: q(true, false, 1, "d") }, { score: 1, total: 3 }));
    assert.deepEqual([got.score, got.total], [2, 3]);
    assert.deepEqual([got.questions.one.answer, got.questions.two.answer], ["a", "d"]);
  });
  test("the newer entry's other fields win", () => {
    const got = merged(quiz({}, { updated: "2026-01-01", version: "old" }),
                       quiz({}, { updated: "2026-02-01", version: "new" }));
    assert.equal(got.version, "new");
  });
  test("a quiz counts as answered when the file has an attempt on it", () => {
    const { done } = merge({}, file({ items: {
      [`${K}progress`]: { quizzes: { a: { questions: { x: q(false, false, 1) } },
                                     b: { questions: { x: q(false, false, 0) } } } } } }));
    assert.equal(done.quizzes, 1);
  });
});

describe("merge: code", () => {
  const key = `${K}code:eni-count`;
  const earlier = (version = "v1") => `${key}@${version}`;
  test("the newer code stays, the file's goes under 'Your earlier code'", () => {
    const mine = code("mine", 2000);
    const theirs = code("theirs", 1000);
    const { writes, done } = merge({ [key]: mine }, file({ items: { [key]: theirs } }));
    assert.deepEqual(writes, { [earlier()]: theirs });
    assert.deepEqual([done.code, done.keptNewer], [0, 1]);
  });
  test("at the same time, mine stays", () => {
    const { writes } = merge({ [key]: code("mine", 5) }, file({ items: { [key]: code("theirs", 5) } }));
    assert.equal(writes[key], undefined);
  });
  test("the file's newer code replaces mine, which is kept", () => {
    const mine = code("mine", 1000);
    const theirs = code("theirs", 2000);
    const { writes, done } = merge({ [key]: mine }, file({ items: { [key]: theirs } }));
    assert.deepEqual(writes, { [key]: theirs, [earlier()]: mine });
    assert.equal(done.code, 1);
  });
  test("told to replace, the file's older code wins, mine is kept", () => {
    const mine = code("mine", 2000);
    const theirs = code("theirs", 1000);
    const { writes } = merge({ [key]: mine }, file({ items: { [key]: theirs } }), { replaceCode: true });
    assert.deepEqual(writes, { [key]: theirs, [earlier()]: mine });
  });
  test("the same code changes nothing", () => {
    const { writes, done } = merge({ [key]: code("same", 1) }, file({ items: { [key]: code("same", 9) } }));
    assert.deepEqual([writes, done.code, done.keptNewer], [{}, 0, 0]);
  });
  test("no code of mine: the file's is taken", () => {
    const theirs = code("theirs", 1);
    assert.deepEqual(merge({}, file({ items: { [key]: theirs } })).writes, { [key]: theirs });
  });
  test("kept code under a version keeps the newest of mine and the file's", () => {
    const older = code("older", 1, "v0");
    const newer = code("newer", 2, "v0");
    assert.deepEqual(merge({ [earlier("v0")]: newer }, file({ items: { [earlier("v0")]: older } })).writes, {});
    assert.deepEqual(merge({ [earlier("v0")]: older }, file({ items: { [earlier("v0")]: newer } })).writes,
                     { [earlier("v0")]: newer });
  });
  test("code that gives way does not push out newer code kept under the same version", () => {
    const keptThere = code("kept", 3000);
    const mine = code("mine", 1000);
    const theirs = code("theirs", 2000);
    const { writes } = merge({ [key]: mine, [earlier()]: keptThere }, file({ items: { [key]: theirs } }));
    assert.deepEqual(writes, { [key]: theirs });
  });
  test("merge changes nothing it was given", () => {
    const current = { [key]: code("mine", 1), [`${K}progress`]: { exercises: { e: { status: "tried" } } } };
    const incoming = file({ items: { [key]: code("theirs", 2),
                                     [`${K}progress`]: { exercises: { e: { status: "passed" } } } } });
    const before = JSON.stringify([current, incoming]);
    merge(current, incoming);
    assert.equal(JSON.stringify([current, incoming]), before);
  });
});

describe("merge: other entries", () => {
  test("keys that are not ours are skipped and counted, not written", () => {
    const { writes, done } = merge({}, file({ items: { [`${K}something-new`]: { x: 1 }, "other:progress": {} } }));
    assert.deepEqual([writes, done.ignored], [{}, 2]);
  });
});

describe("describe", () => {
  const at = file();
  for (const [done, expected] of [
    [{ exercises: 1, quizzes: 1, code: 2, keptNewer: 0, ignored: 0 },
     "Loaded 1 exercise result, 1 quiz answered, code for 2 exercises from a file saved " +
     "2026-11-27T10:00:00.000Z on http://elsewhere.example/."],
    [{ exercises: 0, quizzes: 2, code: 1, keptNewer: 1, ignored: 1 },
     "Loaded 0 exercise results, 2 quizzes answered, code for 1 exercise from a file saved " +
     "2026-11-27T10:00:00.000Z on http://elsewhere.example/. Your code for 1 exercise was newer " +
     "and is kept; the file's is under “Your earlier code”. 1 entry this site does not know was skipped."],
    [{ exercises: 0, quizzes: 0, code: 0, keptNewer: 2, ignored: 3 },
     "Loaded 0 exercise results, 0 quizzes answered, code for 0 exercises from a file saved " +
     "2026-11-27T10:00:00.000Z on http://elsewhere.example/. Your code for 2 exercises was newer " +
     "and is kept; the file's is under “Your earlier code”. 3 entries this site does not know were skipped."],
  ]) {
    test(expected.slice(0, 60), () => assert.equal(describeMerge(done, at), expected));
  }
  test("a file without a time or a site", () => {
    assert.equal(describeMerge({ exercises: 0, quizzes: 0, code: 0, keptNewer: 0, ignored: 0 },
                               { exportedAt: "", site: "" }),
                 "Loaded 0 exercise results, 0 quizzes answered, code for 0 exercises from a file " +
                 "saved at an unknown time.");
  });
});

describe("hostile files (issue 13's reproducers): only the store's keys and ids, reported", () => {
  const load = (items, current = {}) => {
    const parsed = parse(text({ items }));
    assert.equal(parsed.error, undefined);
    const { writes, done } = merge(current, parsed.file);
    return { writes, done, message: describeMerge(done, parsed.file) };
  };
  test("a key that merely ends in 'progress' is not the progress entry, and nothing is blamed on the browser", () => {
    const { writes, done, message } = load({ XXXXXXXXXXXXXXprogress: null });
    assert.deepEqual(writes, {});
    assert.equal(done.exercises, 0);
    assert.match(message, /^Loaded 0 exercise results/);
    assert.match(message, /Not loaded: “XXXXXXXXXXXXXXprogress” \(not an entry this site keeps\)\.$/);
    assert.doesNotMatch(message, /did not let the page save/);
  });
  test("a valid value under such a key loads nothing and says so", () => {
    const { writes, done, message } = load({ XXXXXXXXXXXXXXprogress: { exercises: { e: { status: "passed" } } } });
    assert.deepEqual([writes, done.exercises], [{}, 0]);
    assert.match(message, /Not loaded: “XXXXXXXXXXXXXXprogress”/);
  });
  for (const status of ["constructor", "toString"]) {
    test(`status ${status} refuses the file`, () => {
      const got = parse(text({ items: { [`${K}progress`]: { exercises: { e: { status } } } } }));
      assert.match(got.error, /\.exercises\.e should have a status of "passed" or "tried"; nothing was loaded\.$/);
    });
  }
  test("__proto__ exercises, quizzes and questions are neither counted nor loaded, and are named", () => {
    const items = JSON.parse(`{"${K}progress": {
      "exercises": {"__proto__": {"status": "passed"}, "e": {"status": "tried"}},
      "quizzes": {"__proto__": {"questions": {}},
                  "q": {"questions": {"__proto__": {"correct": true, "attempts": 1}}}}}}`);
    const { writes, done, message } = load(items);
    const progress = writes[`${K}progress`];
    assert.deepEqual(Object.keys(progress.exercises), ["e"]);
    assert.equal(Object.getPrototypeOf(progress.exercises), Object.prototype);
    assert.deepEqual(Object.keys(progress.quizzes), ["q"]);
    assert.deepEqual(Object.keys(progress.quizzes.q.questions), []);
    assert.equal(Object.getPrototypeOf(progress.quizzes.q.questions), Object.prototype);
    assert.equal(done.exercises, 1);
    assert.equal(done.quizzes, 0);
    assert.match(message, /^Loaded 1 exercise result, 0 quizzes answered/);
    assert.match(message, /exercise “__proto__” \(not an exercise id\)/);
    assert.match(message, /quiz “__proto__” \(not a quiz id\)/);
    assert.match(message, /question “__proto__” of quiz “q” \(not a question id\)/);
  });
  test("__proto__ in what this browser already keeps does not reach the merged entry either", () => {
    const current = JSON.parse(`{"${K}progress": {"exercises": {"__proto__": {"status": "passed"}}}}`);
    const { writes } = load({ [`${K}progress`]: { exercises: { e: { status: "tried" } } } }, current);
    assert.deepEqual(Object.keys(writes[`${K}progress`].exercises), ["e"]);
  });
  test("code under a __proto__ id is not ours", () => {
    const { writes, done } = load({ [`${K}code:__proto__`]: code("x", 1) });
    assert.deepEqual([writes, done.code, done.ignored], [{}, 0, 1]);
  });
  test("many refusals are summed up after five", () => {
    const items = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`other:${i}`, 1]));
    assert.match(load(items).message, /; 3 more\.$/);
  });
});
