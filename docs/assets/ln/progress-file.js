// The progress file, without a page: what a file must hold to be loaded, and how its entries
// merge into what a browser keeps. Pure functions over plain values (the entries store.js
// reads and writes, by full key), so Node's tests run them as they are.

import { STATUSES, VERSION, entriesOf, kindOf, problem, refusedIds } from "./store.js";

export const FORMAT = "lambdanet-edu-progress";
const MAX_BYTES = 5_000_000;  // a year of work is a few hundred KB; anything bigger is not ours
const rank = (status) => STATUSES.length - STATUSES.indexOf(status);  // passed 2, tried 1

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const shown = (value) => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

/** The file for `items` (every entry, by full key, as store.entries() gives them).
 *  -> {format, version, exportedAt, site, items} */
export function progressFile(items, site, now = new Date()) {
  return { format: FORMAT, version: VERSION, exportedAt: now.toISOString(), site, items };
}

/** Reads a file's text. -> {file} or {error}: a message naming what is wrong. */
export function parse(text) {
  if (text.length > MAX_BYTES) {
    return { error: `This file is ${Math.round(text.length / 1e6)} MB; a progress file is far smaller. ` +
                    "Choose the file that “Download my progress” saved." };
  }
  let file;
  try {
    file = JSON.parse(text);
  } catch (err) {
    return { error: `This file is not a progress file: it is not JSON (${err.message}).` };
  }
  if (!isObject(file) || file.format !== FORMAT) {
    const got = isObject(file) ? shown(file.format)
      : `a JSON ${Array.isArray(file) ? "list" : file === null ? "null" : typeof file}`;
    return { error: `This file is not a lambdanet-edu progress file: its "format" should be ` +
                    `"${FORMAT}", got ${got}.` };
  }
  if (file.version !== VERSION) {
    return { error: `This progress file has format version ${shown(file.version)}; this site reads ` +
                    `version ${VERSION}. Open the site that made it, or a newer copy of this one.` };
  }
  if (!isObject(file.items)) {
    return { error: `This progress file's "items" should be an object of saved entries, got ${shown(file.items)}.` };
  }
  for (const [key, value] of Object.entries(file.items)) {
    const kind = kindOf(key);
    if (kind === null) continue;  // not ours: merge counts it as skipped
    const wrong = problem(kind.kind, value);
    if (wrong) return { error: `This progress file's entry "${key}" ${wrong}; nothing was loaded.` };
  }
  return { file };
}

function mergeExercise(mine, theirs) {
  if (!isObject(mine)) return theirs;
  const known = (status) => (STATUSES.includes(status) ? rank(status) : 0);
  const [better, other] = known(theirs.status) > known(mine.status) ? [theirs, mine] : [mine, theirs];
  const most = (field) => Math.max(Number(mine[field]) || 0, Number(theirs[field]) || 0);
  return { ...other, ...better, attempts: most("attempts"), realAttempts: most("realAttempts") };
}

// A quiz question is better when right, then right at the first try, then tried more.
function betterQuestion(mine, theirs) {
  if (!isObject(mine)) return theirs;
  if (!isObject(theirs)) return mine;
  const score = (q) => [q.correct ? 1 : 0, q.firstTry ? 1 : 0, Number(q.attempts) || 0];
  const [a, b] = [score(mine), score(theirs)];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return b[i] > a[i] ? theirs : mine;
  return mine;
}

function mergeQuiz(mine, theirs) {
  const ownQuestions = Object.fromEntries(entriesOf(theirs.questions));
  if (!isObject(mine)) return { ...theirs, questions: ownQuestions };
  const questions = Object.fromEntries(entriesOf(mine.questions));
  for (const [id, q] of Object.entries(ownQuestions)) {
    questions[id] = Object.hasOwn(questions, id) ? betterQuestion(questions[id], q) : q;
  }
  const newer = (theirs.updated || "") > (mine.updated || "") ? theirs : mine;
  const score = Object.values(questions).filter((q) => q && q.correct).length;
  return { ...newer, questions, score, total: Math.max(mine.total || 0, theirs.total || 0, score) };
}

/** Merges a parsed file into `current` (what the browser keeps, by full key): the better status
 *  per exercise and quiz question; the newer code per exercise, or the file's when replaceCode.
 *  Code that gives way is kept under "code:<id>@<version>", where "Your earlier code" finds it.
 *  Nothing is changed in place. -> {writes: the entries to write, by full key; done: counts for
 *  describe()} */
export function merge(current, file, { replaceCode = false } = {}) {
  const done = { exercises: 0, quizzes: 0, code: 0, keptNewer: 0, ignored: 0, refused: [] };
  const refuse = (what, reason) => done.refused.push({ what, reason });
  const writes = {};
  const keep = (key, entry) => {  // an earlier attempt, unless a newer one is kept there already
    const there = writes[key] || current[key];
    if (!isObject(there) || (Number(entry.savedAt) || 0) > (Number(there.savedAt) || 0)) writes[key] = entry;
  };
  for (const [key, value] of Object.entries(file.items)) {
    const kind = kindOf(key);
    if (kind === null) {
      done.ignored += 1;
      refuse(`“${shownKey(key)}”`, "not an entry this site keeps");
    } else if (kind.kind === "progress") {
      const mine = current[key];
      const all = isObject(mine) ? { ...mine } : {};
      all.exercises = Object.fromEntries(entriesOf(all.exercises));
      all.quizzes = Object.fromEntries(entriesOf(all.quizzes));
      for (const id of refusedIds(value.exercises)) refuse(`exercise “${shownKey(id)}”`, "not an exercise id");
      for (const id of refusedIds(value.quizzes)) refuse(`quiz “${shownKey(id)}”`, "not a quiz id");
      for (const [id, entry] of entriesOf(value.exercises)) {
        all.exercises[id] = mergeExercise(all.exercises[id], entry);
        done.exercises += 1;
      }
      for (const [id, entry] of entriesOf(value.quizzes)) {
        for (const q of refusedIds(entry.questions)) {
          refuse(`question “${shownKey(q)}” of quiz “${id}”`, "not a question id");
        }
        all.quizzes[id] = mergeQuiz(all.quizzes[id], entry);
        if (entriesOf(entry.questions).some(([, q]) => isObject(q) && q.attempts > 0)) done.quizzes += 1;
      }
      writes[key] = all;
    } else if (kind.kind === "code") {
      const mine = isObject(current[key]) && typeof current[key].code === "string" ? current[key] : null;
      if (mine && mine.code === value.code) continue;
      if (mine && !replaceCode && (Number(mine.savedAt) || 0) >= (Number(value.savedAt) || 0)) {
        done.keptNewer += 1;
        keep(`${key}@${value.version}`, value);  // theirs stays within reach
        continue;
      }
      if (mine) keep(`${key}@${mine.version}`, mine);
      writes[key] = value;
      done.code += 1;
    } else {
      keep(key, value);
    }
  }
  return { writes, done };
}

const shownKey = (key) => (key.length > 40 ? `${key.slice(0, 37)}...` : key);

/** What a merge did, for the learner: what was loaded, and each thing left out and why. */
export function describe(done, file) {
  const count = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const parts = [count(done.exercises, "exercise result"), count(done.quizzes, "quiz", "quizzes") + " answered",
                 `code for ${count(done.code, "exercise")}`];
  let text = `Loaded ${parts.join(", ")} from a file saved ${file.exportedAt || "at an unknown time"}` +
             (file.site ? ` on ${file.site}` : "") + ".";
  if (done.keptNewer) {
    text += ` Your code for ${count(done.keptNewer, "exercise")} was newer and is kept; the file's ` +
            "is under “Your earlier code”.";
  }
  if (done.ignored) {
    text += ` ${count(done.ignored, "entry", "entries")} this site does not know ` +
            `${done.ignored === 1 ? "was" : "were"} skipped.`;
  }
  const refused = done.refused || [];
  if (refused.length) {
    const shownItems = refused.slice(0, 5).map(({ what, reason }) => `${what} (${reason})`);
    if (refused.length > 5) shownItems.push(`${refused.length - 5} more`);
    text += ` Not loaded: ${shownItems.join("; ")}.`;
  }
  return text;
}
