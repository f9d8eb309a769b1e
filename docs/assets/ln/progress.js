// Progress files: everything this site keeps in the browser (code, exercise and quiz progress),
// downloaded as one JSON file and loaded into another browser. Loaded by exercises.js on the
// progress page only. The pure parts (collect, parse, merge) take a Storage, so they are tested
// apart from the page.

export const FORMAT = "lambdanet-edu-progress";
export const FORMAT_VERSION = 1;
const KEY = "lambdanet-edu:";
const MAX_BYTES = 5_000_000;  // a year of work is a few hundred KB; anything bigger is not ours
const RANK = { passed: 2, tried: 1 };

const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
const shown = (value) => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 37)}...` : text;
};

// -> {format, version, exportedAt, site, items: {"lambdanet-edu:...": value}}
export function collect(storage, site, now = new Date()) {
  const items = {};
  for (let i = 0; i < storage.length; i += 1) {
    const key = storage.key(i);
    if (!key.startsWith(KEY)) continue;
    try {
      items[key] = JSON.parse(storage.getItem(key));
    } catch { /* a value this site did not write: left out */ }
  }
  return { format: FORMAT, version: FORMAT_VERSION, exportedAt: now.toISOString(), site, items };
}

// What a stored value must look like for its key; returns the problem, or "" when it is fine.
function problem(name, value) {
  if (name === "progress") {
    if (!isObject(value)) return "should be an object";
    for (const part of ["exercises", "quizzes"]) {
      if (value[part] !== undefined && !isObject(value[part])) return `.${part} should be an object`;
    }
    for (const [id, entry] of Object.entries(value.exercises || {})) {
      if (!isObject(entry) || !(entry.status in RANK)) {
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

// -> {file} or {error}: a message naming what is wrong. Nothing is written.
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
    const got = isObject(file) ? shown(file.format) : `a JSON ${Array.isArray(file) ? "list" : typeof file}`;
    return { error: `This file is not a lambdanet-edu progress file: its "format" should be ` +
                    `"${FORMAT}", got ${got}.` };
  }
  if (file.version !== FORMAT_VERSION) {
    return { error: `This progress file has format version ${shown(file.version)}; this site reads ` +
                    `version ${FORMAT_VERSION}. Open the site that made it, or a newer copy of this one.` };
  }
  if (!isObject(file.items)) {
    return { error: `This progress file's "items" should be an object of saved entries, got ${shown(file.items)}.` };
  }
  for (const [key, value] of Object.entries(file.items)) {
    const name = key.startsWith(KEY) ? key.slice(KEY.length) : null;
    if (name === null || !(name === "progress" || /^code:[\w-]+(@[\w-]+)?$/.test(name))) continue;
    const wrong = problem(name, value);
    if (wrong) return { error: `This progress file's entry "${key}" ${wrong}; nothing was loaded.` };
  }
  return { file };
}

function mergeExercise(mine, theirs) {
  if (!mine) return theirs;
  const [better, other] = (RANK[theirs.status] || 0) > (RANK[mine.status] || 0) ? [theirs, mine] : [mine, theirs];
  const most = (field) => Math.max(Number(mine[field]) || 0, Number(theirs[field]) || 0);
  return { ...other, ...better, attempts: most("attempts"), realAttempts: most("realAttempts") };
}

// A quiz question is better when right, then right at the first try, then tried more.
function betterQuestion(mine, theirs) {
  const score = (q) => [q.correct ? 1 : 0, q.firstTry ? 1 : 0, Number(q.attempts) || 0];
  const [a, b] = [score(mine), score(theirs)];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return b[i] > a[i] ? theirs : mine;
  return mine;
}

function mergeQuiz(mine, theirs) {
  if (!mine) return theirs;
  const questions = { ...mine.questions };
  for (const [id, q] of Object.entries(theirs.questions)) {
    questions[id] = questions[id] ? betterQuestion(questions[id], q) : q;
  }
  const newer = (theirs.updated || "") > (mine.updated || "") ? theirs : mine;
  const score = Object.values(questions).filter((q) => q && q.correct).length;
  return { ...newer, questions, score, total: Math.max(mine.total || 0, theirs.total || 0, score) };
}

function read(storage, key) {
  try {
    return JSON.parse(storage.getItem(key));
  } catch {
    return null;
  }
}

// Merges a parsed file into storage: the better status per exercise and quiz question; the newer
// code per exercise, or the file's when replaceCode. Code that gives way is kept under
// "code:<id>@<version>", where "Your earlier code" finds it. -> what changed, for the learner.
export function merge(storage, file, { replaceCode = false } = {}) {
  const done = { exercises: 0, quizzes: 0, code: 0, keptNewer: 0, ignored: 0 };
  const writes = {};
  const keep = (key, entry) => {  // an earlier attempt, unless a newer one is kept there already
    const there = writes[key] || read(storage, key);
    if (!there || (Number(entry.savedAt) || 0) > (Number(there.savedAt) || 0)) writes[key] = entry;
  };
  for (const [key, value] of Object.entries(file.items)) {
    const name = key.slice(KEY.length);
    if (name === "progress") {
      const mine = read(storage, key);
      const all = isObject(mine) ? { ...mine } : {};
      all.exercises = { ...(all.exercises || {}) };
      all.quizzes = { ...(all.quizzes || {}) };
      for (const [id, entry] of Object.entries(value.exercises || {})) {
        all.exercises[id] = mergeExercise(all.exercises[id], entry);
        done.exercises += 1;
      }
      for (const [id, entry] of Object.entries(value.quizzes || {})) {
        all.quizzes[id] = mergeQuiz(all.quizzes[id], entry);
        if (Object.values(entry.questions).some((q) => q && q.attempts > 0)) done.quizzes += 1;
      }
      writes[key] = all;
    } else if (key.startsWith(KEY) && /^code:[\w-]+$/.test(name)) {
      const mine = read(storage, key);
      if (mine && mine.code === value.code) continue;
      if (mine && !replaceCode && (Number(mine.savedAt) || 0) >= (Number(value.savedAt) || 0)) {
        done.keptNewer += 1;
        keep(`${key}@${value.version}`, value);  // theirs stays within reach
        continue;
      }
      if (mine && typeof mine.code === "string") keep(`${key}@${mine.version}`, mine);
      writes[key] = value;
      done.code += 1;
    } else if (key.startsWith(KEY) && /^code:[\w-]+@[\w-]+$/.test(name)) {
      keep(key, value);
    } else {
      done.ignored += 1;
    }
  }
  for (const [key, value] of Object.entries(writes)) storage.setItem(key, JSON.stringify(value));
  return done;
}

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
  if (done.ignored) text += ` ${count(done.ignored, "entry", "entries")} this site does not know ${done.ignored === 1 ? "was" : "were"} skipped.`;
  return text;
}

// ---------------------------------------------------------------------------------------------
// The controls on the progress page.

function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

export function mountProgressFile(root) {
  const site = new URL("../../", import.meta.url).href;
  const download = el("button", { type: "button", class: "md-button" }, "Download my progress");
  const input = el("input", { type: "file", id: "ln-progress-file-input", accept: ".json,application/json" });
  const replace = el("input", { type: "checkbox", id: "ln-progress-file-replace" });
  const status = el("p", { class: "ln-status-line", role: "status", "aria-live": "polite" });
  const row = (...children) => {
    const line = el("p");
    line.append(...children);
    return line;
  };
  root.replaceChildren(
    el("p", {}, "Save everything this browser keeps for this site (your code, exercise results " +
                "and quiz answers) to a file, then load it in another browser or on another machine."),
    row(download),
    row(el("label", { for: input.id }, "Load progress from a file"), " ", input),
    row(replace, " ", el("label", { for: replace.id },
      "Replace my code with the file’s code (otherwise the newer code of each exercise is kept)")),
    status,
  );

  download.addEventListener("click", () => {
    const file = collect(localStorage, site);
    const blob = new Blob([JSON.stringify(file, null, 1)], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob),
                           download: `lambdanet-edu-progress-${file.exportedAt.slice(0, 10)}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    status.textContent = `Saved ${Object.keys(file.items).length} entries to ${link.download}.`;
  });

  input.addEventListener("change", async () => {
    const chosen = input.files && input.files[0];
    if (!chosen) return;
    const { file, error } = parse(await chosen.text());
    if (error) {
      status.textContent = `${chosen.name}: ${error}`;
    } else {
      try {
        status.textContent = describe(merge(localStorage, file, { replaceCode: replace.checked }), file);
        window.dispatchEvent(new Event("lambdanet-edu:progress-loaded"));  // tables show it now
      } catch (err) {
        status.textContent = `This browser did not let the page save the progress (${err.message}).`;
      }
    }
    input.value = "";  // choosing the same file again loads it again
  });
}
