// The learner's saved progress: the one place that knows its format, its keys, and reads or
// writes browser storage. Widgets and the progress file call the functions below; none of them
// touches localStorage itself.
//
// Format VERSION 1, every key under PREFIX ("lambdanet-edu:"):
//   progress            {exercises: {<id>: {status: "passed"|"tried", attempts, realAttempts,
//                                           version, lastTried, passedAt?}},
//                        quizzes: {<id>: {version, questions: {<question id>: {variant, answer,
//                                         correct, attempts, firstTry, revealed?, shownBefore?}},
//                                         score, total, updated}}}
//                       (revealed, shownBefore: optional, absent = false; the answer was shown
//                       on this variant, or on an earlier one, so it is not right first time)
//   code:<id>           {code, version, savedAt}: the exercise's code as last typed
//   code:<id>@<version> the same shape: code kept from before the exercise (or a progress file)
//                       replaced it, which "Your earlier code" brings back
// A progress file carries VERSION; a change to any shape above must raise it.
//
// Not progress, and outside PREFIX so no progress file carries it:
//   lambdanet-edu-python-snapshot   {key, version, sha256}: the record of the Python memory
//                       snapshot this browser made (snapshot.mjs). Kept here because the Python
//                       worker, where learner code runs, has no localStorage: it cannot forge it.
//
// Nothing here may throw at a widget: storage can be full, disabled, or blocked in a wiki's
// iframe. Reads fall back, writes say whether they happened. Importing this module touches no
// storage, so Node's tests import it too.

export const VERSION = 1;
export const PREFIX = "lambdanet-edu:";
/** Sent on window when a progress file changed storage under the widgets' feet. */
export const LOADED_EVENT = "lambdanet-edu:progress-loaded";

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/** The full storage key of each entry. */
export const keys = {
  progress: `${PREFIX}progress`,
  code: (id) => `${PREFIX}code:${id}`,
  earlierCode: (id, version) => `${PREFIX}code:${id}@${version}`,
};

/** What a full key names: {kind: "progress"} | {kind: "code", id} | {kind: "earlier", id,
 *  version}, or null for a key that is not ours (another site's, or a future entry). */
export function kindOf(key) {
  if (typeof key !== "string" || !key.startsWith(PREFIX)) return null;
  const name = key.slice(PREFIX.length);
  if (name === "progress") return { kind: "progress" };
  const code = name.match(/^code:([\w-]+)(?:@([\w-]+))?$/);
  if (!code || !isId(code[1]) || (code[2] !== undefined && !isId(code[2]))) return null;
  return code[2] === undefined ? { kind: "code", id: code[1] }
                               : { kind: "earlier", id: code[1], version: code[2] };
}

// ---------------------------------------------------------------------------------------------
// The one schema: what each entry above must hold. The progress file is checked against it.

/** The statuses an exercise entry may have: a list, never an object's keys ("constructor" and
 *  "toString" are keys of every object). */
export const STATUSES = Object.freeze(["passed", "tried"]);
const ID = /^[\w-]{1,100}$/;

/** Whether `name` can name an exercise, quiz, question or version: word characters and "-",
 *  and never "__proto__" (assigning it would change an object's prototype, not add an entry). */
export function isId(name) {
  return typeof name === "string" && ID.test(name) && name !== "__proto__";
}

/** What is wrong with `value` as the entry of `kind` (a kindOf result's kind), or "" when it is
 *  fine. Ids that cannot be ours ("__proto__") are not errors: entriesOf() leaves them out. */
export function problem(kind, value) {
  if (kind === "progress") {
    if (!isObject(value)) return "should be an object";
    for (const part of ["exercises", "quizzes"]) {
      if (value[part] !== undefined && !isObject(value[part])) return `.${part} should be an object`;
    }
    for (const [id, entry] of entriesOf(value.exercises)) {
      if (!isObject(entry) || !STATUSES.includes(entry.status)) {
        return `.exercises.${id} should have a status of "passed" or "tried"`;
      }
    }
    for (const [id, entry] of entriesOf(value.quizzes)) {
      if (!isObject(entry) || !isObject(entry.questions)) return `.quizzes.${id} should have questions`;
    }
    return "";
  }
  if (!isObject(value) || typeof value.code !== "string" || typeof value.version !== "string") {
    return "should hold code (text) and the exercise's version";
  }
  return "";
}

/** The [id, value] pairs of an object whose keys are ids (exercises, quizzes, questions), with
 *  the keys that cannot be ids left out; [] for anything but an object. */
export function entriesOf(value) {
  return isObject(value) ? Object.entries(value).filter(([id]) => isId(id)) : [];
}

/** The keys of `value` (an object keyed by ids) that entriesOf() leaves out. */
export function refusedIds(value) {
  return isObject(value) ? Object.keys(value).filter((id) => !isId(id)) : [];
}

function storage() {
  try {
    return globalThis.localStorage || null;
  } catch {
    return null;  // a sandboxed frame throws on the mere access
  }
}

function read(key, fallback) {
  try {
    const text = storage().getItem(key);
    return text === null ? fallback : JSON.parse(text);
  } catch {
    return fallback;
  }
}

function write(key, value) {
  try {
    storage().setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;  // storage full or disabled: the widget says so
  }
}

// ---------------------------------------------------------------------------------------------
// Progress: exercises and quizzes share one entry; each part is read-modify-written.

/** -> {exercises: {...}, quizzes: {...}}, both always objects. */
export function readProgress() {
  const value = read(keys.progress, null);
  const all = isObject(value) ? { ...value } : {};
  all.exercises = isObject(all.exercises) ? all.exercises : {};
  all.quizzes = isObject(all.quizzes) ? all.quizzes : {};
  return all;
}

/** The saved entry of one exercise, or {} before its first check. */
export function exerciseProgress(id) {
  return readProgress().exercises[id] || {};
}

/** Records one check of an exercise; a "real" check (of code that is not the starter) unlocks
 *  the solution. -> the exercise's entry as saved. */
export function recordCheck(id, version, passed, real, now = new Date()) {
  const all = readProgress();
  const entry = { attempts: 0, realAttempts: 0, ...all.exercises[id] };
  entry.attempts = (Number(entry.attempts) || 0) + 1;
  entry.realAttempts = (Number(entry.realAttempts) || 0) + (real ? 1 : 0);
  entry.version = version;
  entry.lastTried = now.toISOString();
  if (passed) {
    entry.status = "passed";
    entry.passedAt = entry.lastTried;
  } else if (entry.status !== "passed") {
    entry.status = "tried";
  }
  all.exercises = { ...all.exercises, [id]: entry };
  write(keys.progress, all);
  return entry;
}

/** Every quiz's saved entry, by quiz id. */
export function quizEntries() {
  return readProgress().quizzes;
}

/** Saves one quiz's entry; the exercises' part stays as it is. -> false when storage refused. */
export function saveQuiz(id, entry) {
  const all = readProgress();
  all.quizzes = { ...all.quizzes, [id]: entry };
  return write(keys.progress, all);
}

// ---------------------------------------------------------------------------------------------
// Code

/** -> {code, version, savedAt} as last saved, or null. */
export function readCode(id) {
  const saved = read(keys.code(id), null);
  return isObject(saved) && typeof saved.code === "string" ? saved : null;
}

/** Saves the code as typed. -> false when storage refused (the widget asks to copy it). */
export function saveCode(id, code, version, now = Date.now()) {
  return write(keys.code(id), { code, version, savedAt: now });
}

/** Keeps `saved` (a readCode value) under its version, where "Your earlier code" finds it. */
export function keepEarlierCode(id, saved) {
  return write(keys.earlierCode(id, saved.version), saved);
}

/** The newest code kept under "code:<id>@<version>", or null. */
export function earlierCode(id) {
  let newest = null;
  for (const [key, entry] of Object.entries(entries())) {
    const kind = kindOf(key);
    if (!kind || kind.kind !== "earlier" || kind.id !== id) continue;
    if (isObject(entry) && typeof entry.code === "string" &&
        (!newest || (Number(entry.savedAt) || 0) > (Number(newest.savedAt) || 0))) newest = entry;
  }
  return newest;
}

// ---------------------------------------------------------------------------------------------
// Everything at once, for the progress file

/** Every entry under PREFIX, by full key (a value that is not JSON is left out). */
export function entries() {
  const found = {};
  const all = storage();
  try {
    for (let i = 0; i < all.length; i += 1) {
      const key = all.key(i);
      if (!key || !key.startsWith(PREFIX)) continue;
      try {
        found[key] = JSON.parse(all.getItem(key));
      } catch { /* a value this site did not write */ }
    }
  } catch { /* storage disabled: nothing was kept */ }
  return found;
}

/** Writes entries by full key, all or nothing: when storage refuses one (full, say), every
 *  entry written so far is put back as it was, and this throws. Unlike the widgets' writes it
 *  throws, so the progress page can say that nothing was loaded. */
export function writeEntries(values) {
  const all = storage();
  if (!all) throw new Error("this browser gives the page no storage");
  const pairs = Object.entries(values);
  for (const [key] of pairs) {
    if (kindOf(key) === null) throw new Error(`not a key of this site: ${key}`);
  }
  const before = [];
  try {
    for (const [key, value] of pairs) {
      before.push([key, all.getItem(key)]);
      all.setItem(key, JSON.stringify(value));
    }
  } catch (err) {
    for (const [key, text] of before.reverse()) {  // newest first: each frees room for the next
      try {
        if (text === null) all.removeItem(key);
        else all.setItem(key, text);
      } catch { /* it held this text a moment ago; nothing more can be done */ }
    }
    throw err;
  }
}

// ---------------------------------------------------------------------------------------------
// The Python snapshot's record (not progress)

const SNAPSHOT_RECORD = "lambdanet-edu-python-snapshot";

/** The record of the kept Python snapshot, as saved (snapshot.mjs checks its shape), or null. */
export function readSnapshotRecord() {
  return read(SNAPSHOT_RECORD, null);
}

/** Saves the record of a newly kept Python snapshot. -> false when storage refused. */
export function saveSnapshotRecord(record) {
  return write(SNAPSHOT_RECORD, record);
}
