// The progress file, without a page: what a file must hold to be loaded, and how its entries
// merge into what a browser keeps. Pure functions over plain values (the entries store.js
// reads and writes, by full key), so Node's tests run them as they are.

import { VERSION, kindOf } from "./store.js";

export const FORMAT = "lambdanet-edu-progress";
const MAX_BYTES = 5_000_000;  // a year of work is a few hundred KB; anything bigger is not ours
const RANK = { passed: 2, tried: 1 };

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

// What a stored value must look like for its kind; returns the problem, or "" when it is fine.
function problem(kind, value) {
  if (kind === "progress") {
    if (!isObject(value)) return "should be an object";
    for (const part of ["exercises", "quizzes"]) {
      if (value[part] !== undefined && !isObject(value[part])) return `.${part} should be an object`;
    }
    for (const [id, entry] of Object.entries(value.exercises || {})) {
      if (!isObject(entry) || !Object.hasOwn(RANK, entry.status)) {
        return `.exercises.${id} should have a status of "passed" or "tried"`;
      }
    }
    for (const [id, entry] of Object.entries(value.quizzes || {})) {
      if (!isObject(entry) || !isObject(entry.questions)) return `.quizzes.${id} should have questions`;
    }
    return "";
  }
  if (!isObject(value) || typeof value.code !== "string" || typeof value.version !== "string") {
    return "should hold code (text) and the exercise's version";
  }
  return "";
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
  const [better, other] = (RANK[theirs.status] || 0) > (RANK[mine.status] || 0) ? [theirs, mine] : [mine, theirs];
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
  if (!isObject(mine)) return theirs;
  const questions = { ...(isObject(mine.questions) ? mine.questions : {}) };
  for (const [id, q] of Object.entries(theirs.questions)) {
    questions[id] = questions[id] ? betterQuestion(questions[id], q) : q;
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
  const done = { exercises: 0, quizzes: 0, code: 0, keptNewer: 0, ignored: 0 };
  const writes = {};
  const keep = (key, entry) => {  // an earlier attempt, unless a newer one is kept there already
    const there = writes[key] || current[key];
    if (!isObject(there) || (Number(entry.savedAt) || 0) > (Number(there.savedAt) || 0)) writes[key] = entry;
  };
  for (const [key, value] of Object.entries(file.items)) {
    const kind = kindOf(key);
    if (kind === null) {
      done.ignored += 1;
    } else if (kind.kind === "progress") {
      const mine = current[key];
      const all = isObject(mine) ? { ...mine } : {};
      all.exercises = { ...(isObject(all.exercises) ? all.exercises : {}) };
      all.quizzes = { ...(isObject(all.quizzes) ? all.quizzes : {}) };
      for (const [id, entry] of Object.entries(value.exercises || {})) {
        all.exercises[id] = mergeExercise(all.exercises[id], entry);
        done.exercises += 1;
      }
      for (const [id, entry] of Object.entries(value.quizzes || {})) {
        all.quizzes[id] = mergeQuiz(all.quizzes[id], entry);
        if (Object.values(entry.questions).some((q) => q && q.attempts > 0)) done.quizzes += 1;
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

/** What a merge did, for the learner. */
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
  return text;
}
