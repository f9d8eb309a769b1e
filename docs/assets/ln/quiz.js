// Quiz widgets, the quiz column of the progress page, and the "copy embed code" buttons.
// No Python here: the build computed every answer key with the model (lambdanet_edu.quizzes),
// so checking an answer is a comparison. Text from the quiz data is the compiler's escaped
// inline HTML; it is still filtered to <code> and <strong> before it reaches the page.

import { store } from "./store.js";

let storageFailed = false;

// "progress" is shared with exercises.js: only its `quizzes` part is ours.
function readProgress() {
  const value = store.read("progress", {});
  return value && typeof value === "object" ? value : {};
}

function saveQuiz(id, entry) {
  const all = readProgress();  // read-modify-write: the exercises' part stays as it is
  all.exercises ||= {};
  all.quizzes = { ...(all.quizzes || {}), [id]: entry };
  // Blocked or partitioned storage in a wiki's iframe, or full: say so from then on.
  if (!store.write("progress", all)) storageFailed = true;
  return !storageFailed;
}

function quizEntries() {
  const quizzes = readProgress().quizzes;
  return quizzes && typeof quizzes === "object" ? quizzes : {};
}

function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

// The compiler's "safe inline HTML": anything but <code> and <strong> is kept as plain text.
function rich(tag, html, attrs = {}) {
  const node = el(tag, attrs);
  const template = document.createElement("template");
  template.innerHTML = html || "";
  const copy = (from, to) => {
    for (const child of from.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) to.append(child.textContent);
      else if (child.nodeName === "CODE" || child.nodeName === "STRONG") {
        copy(child, to.appendChild(document.createElement(child.nodeName.toLowerCase())));
      } else copy(child, to);
    }
  };
  copy(template.content, node);
  return node;
}

// ---------------------------------------------------------------------------------------------
// Reading and judging answers. Each returns {error} for input that is not an answer at all.

function parseNumber(text) {
  const clean = text.trim().replace(/(\d)[,_\s](?=\d{3}\b)/g, "$1");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(clean)) {
    return { error: "Type a number using digits, for example 42 or 0.5 (commas between " +
                    "thousands are fine). Your answer was not checked." };
  }
  return { value: Number(clean) };
}

// An IPv4 address, or a block in CIDR form when `form` is "cidr" (an address with a prefix is
// read too: the answer key's `accept` list says which of those are right).
function parseAddress(text, form) {
  const match = text.trim().match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/);
  const example = form === "cidr" ? "an address block such as 192.168.0.0/24"
                                  : "an IPv4 address such as 192.168.0.7";
  const error = { error: `Type ${example}. Your answer was not checked.` };
  if (!match) return error;
  const octets = match.slice(1, 5).map(Number);
  const prefix = match[5] === undefined ? null : Number(match[5]);
  if (octets.some((o) => o > 255) || (prefix !== null && prefix > 32)) return error;
  if (form === "cidr" && prefix === null) return error;
  if (form === "cidr") {
    const bits = octets.reduce((acc, o) => acc * 256 + o, 0);
    if (bits % 2 ** (32 - prefix) !== 0) {
      return { error: `${text.trim()} has bits set after the /${prefix}: a block starts at ` +
                      "its first address. Your answer was not checked." };
    }
  }
  return { value: octets.join(".") + (prefix === null ? "" : `/${prefix}`) };
}

function normalAddress(value) {
  const parsed = parseAddress(String(value), String(value).includes("/") ? "cidr" : "ip");
  return parsed.error ? String(value) : parsed.value;
}

// -> {status: "right"|"wrong"|"invalid"|"empty", title, html, misconceptions: [{name, html}]}
function judge(variant, input, answer) {
  if (answer === null || answer === undefined || answer === "" ||
      (Array.isArray(answer) && !answer.length)) {
    return { status: "empty", title: "No answer yet",
             text: input === "multiple" ? "Tick one or more choices, then Check."
               : input === "single" ? "Pick a choice, then Check." : "Type your answer, then Check." };
  }
  if (input === "single" || input === "multiple") {
    const picked = new Set([].concat(answer));
    const wrongPicks = variant.choices.filter((c) => picked.has(c.id) && !c.correct);
    const missed = variant.choices.filter((c) => c.correct && !picked.has(c.id));
    if (!wrongPicks.length && !missed.length) {
      return { status: "right", html: variant.explanation,
               notes: input === "multiple" ? variant.choices.filter((c) => c.explanation) : [] };
    }
    return {
      status: "wrong",
      misconceptions: wrongPicks.map((c) => ({ name: c.misconception, html: c.explanation })),
      text: wrongPicks.length ? "" : "What you ticked is right, but a right choice is missing.",
    };
  }
  const key = variant.answer;
  if (input === "number") {
    const got = parseNumber(String(answer));
    if (got.error) return { status: "invalid", text: got.error };
    const near = (v) => Math.abs(Number(v) - got.value) <= (key.tolerance || 0) + 1e-9;
    if (near(key.value)) return { status: "right", html: variant.explanation };
    const known = variant.wrong.filter((w) => near(w.value));
    return wrongAnswer(known);
  }
  const got = parseAddress(String(answer), key.form);
  if (got.error) return { status: "invalid", text: got.error };
  if ([key.value, ...(key.accept || [])].map(normalAddress).includes(got.value)) {
    return { status: "right", html: variant.explanation };
  }
  return wrongAnswer(variant.wrong.filter((w) => normalAddress(w.value) === got.value));
}

function wrongAnswer(known) {
  return { status: "wrong", misconceptions: known.map((w) => ({ name: w.misconception, html: w.explanation })),
           text: known.length ? "" : "That is not right. Your answer is kept: have another go." };
}

// ---------------------------------------------------------------------------------------------
// The widget.

function pickVariant(question, avoid = -1) {
  const count = question.variants.length;
  if (count === 1) return 0;
  let index = Math.floor(Math.random() * (count - 1));
  if (avoid < 0) index = Math.floor(Math.random() * count);
  else if (index >= avoid) index += 1;  // any variant but the one just answered
  return index;
}

// A saved entry from an older version keeps each question whose id and variant still exist.
function restore(quiz, saved) {
  const questions = {};
  for (const q of quiz.questions) {
    const old = saved && saved.questions && saved.questions[q.id];
    const ok = old && Number.isInteger(old.variant) && old.variant >= 0 && old.variant < q.variants.length;
    questions[q.id] = ok ? { attempts: 0, answer: null, firstTry: false, ...old }
                         : { variant: pickVariant(q), answer: null, correct: false, attempts: 0, firstTry: false };
  }
  return { version: quiz.version, questions };
}

function mount(root) {
  root.dataset.lnMounted = "true";
  const quiz = JSON.parse(root.dataset.lnQuizData);
  const saved = quizEntries()[quiz.id];
  const state = restore(quiz, saved);
  const body = el("div", { class: "ln-quiz__body" });
  const score = el("p", { class: "ln-quiz__score", role: "status", "aria-live": "polite" });
  let kept = true;

  function save(write = true) {
    const values = Object.values(state.questions);
    const right = values.filter((q) => q.correct).length;
    const first = values.filter((q) => q.firstTry).length;
    if (write) {
      kept = saveQuiz(quiz.id, { ...state, score: right, total: quiz.questions.length,
                                 updated: new Date().toISOString() });
    }
    score.textContent = `${right} of ${quiz.questions.length} right` +
      (first ? ` (${first} on the first try)` : "") + "." +
      (kept ? "" : " Your answers are kept only for this visit: this browser does not let the page save them.");
  }

  quiz.questions.forEach((question, number) => {
    const box = el("div", { class: "ln-quiz__question" });
    body.append(box);
    const render = () => { box.replaceChildren(questionView(quiz, question, number, state, save, render)); };
    render();
  });
  const fallback = root.querySelector(".ln-quiz__fallback");
  if (fallback) fallback.replaceWith(body);
  else root.append(body);
  root.append(score);
  // Write only what changed: a first visit's variants, a new version, or a key that moved.
  const fields = (questions) => JSON.stringify(Object.entries(questions || {}).map(([id, q]) =>
    [id, q.variant, q.answer, q.correct, q.attempts, q.firstTry]));
  save(!saved || saved.version !== quiz.version || fields(saved.questions) !== fields(state.questions));
}

function questionView(quiz, question, number, state, save, render) {
  const mine = state.questions[question.id];
  const variant = question.variants[mine.variant];
  const input = question.input;
  const base = `ln-q-${quiz.id}-${question.id}`;
  const set = el("fieldset", { class: "ln-quiz__fieldset", "data-question": question.id,
                               "aria-describedby": `${base}-prompt` });
  const legend = set.appendChild(el("legend", {}, `Question ${number + 1} of ${quiz.questions.length}`));
  legend.id = `${base}-legend`;
  set.append(rich("div", variant.prompt, { class: "ln-quiz__prompt", id: `${base}-prompt` }));
  // tabindex: a code block that scrolls sideways must take focus so the keyboard can scroll it.
  if (variant.code) set.appendChild(el("pre", { class: "ln-quiz__code" })).append(el("code", { tabindex: "0" }, variant.code));

  let read;
  if (input === "single" || input === "multiple") {
    const list = set.appendChild(el("div", { class: "ln-quiz__choices" }));
    const boxes = variant.choices.map((choice) => {
      const id = `${base}-${choice.id}`;
      const label = list.appendChild(el("label", { class: "ln-quiz__choice", for: id }));
      const box = el("input", { type: input === "single" ? "radio" : "checkbox", id, name: base,
                                value: choice.id });
      box.checked = [].concat(mine.answer || []).includes(choice.id);
      label.append(box, rich("span", choice.html));
      return box;
    });
    read = () => input === "single" ? (boxes.find((b) => b.checked) || {}).value || null
                                    : boxes.filter((b) => b.checked).map((b) => b.value);
  } else {
    const row = set.appendChild(el("div", { class: "ln-quiz__entry" }));
    const unit = input === "number" && variant.answer.unit ? variant.answer.unit : "";
    const what = input === "number" ? "Your answer, a number" : variant.answer.form === "cidr"
      ? "Your answer, an address block (CIDR)" : "Your answer, an IPv4 address";
    row.append(el("label", { for: `${base}-input` }, unit ? `${what}, in ${unit}` : what));
    const field = el("input", { type: "text", id: `${base}-input`, autocomplete: "off", spellcheck: "false",
                                inputmode: input === "number" ? "decimal" : "text",
                                "aria-describedby": `${base}-prompt` });
    field.value = mine.answer === null ? "" : String(mine.answer);
    row.append(field);
    if (unit) row.append(el("span", { class: "ln-quiz__unit", "aria-hidden": "true" }, unit));
    field.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); check(); }
    });
    read = () => field.value.trim();
  }

  const bar = set.appendChild(el("div", { class: "ln-quiz__buttons" }));
  const checkButton = bar.appendChild(el("button", { type: "button", class: "md-button md-button--primary" },
                                         "Check"));
  const feedback = set.appendChild(el("div", { class: "ln-quiz__feedback", "aria-live": "polite",
                                                id: `${base}-feedback` }));
  checkButton.addEventListener("click", check);

  function show(verdict) {
    feedback.replaceChildren();
    feedback.dataset.status = verdict.status;
    const title = { right: "Right", wrong: "Not right", invalid: "Not an answer yet", empty: "No answer yet" };
    const heading = feedback.appendChild(el("p", { class: "ln-quiz__verdict" }, title[verdict.status]));
    heading.id = `${base}-verdict`;
    for (const m of verdict.misconceptions || []) {
      feedback.append(el("p", { class: "ln-quiz__misconception", role: "heading", "aria-level": "4" }, m.name));
      feedback.append(rich("p", m.html));
    }
    if (verdict.text) feedback.append(el("p", {}, verdict.text));
    if (verdict.html) feedback.append(rich("p", verdict.html));
    if (verdict.notes && verdict.notes.length) {
      const list = feedback.appendChild(el("ul", { class: "ln-quiz__notes" }));
      for (const c of verdict.notes) {
        const item = list.appendChild(rich("li", c.html));
        item.append(c.correct ? " (right): " : " (wrong): ", rich("span", c.explanation));
      }
    }
    if (verdict.status === "right" && question.variants.length > 1) {
      const again = feedback.appendChild(el("button", { type: "button", class: "md-button" }, "Try other numbers"));
      again.addEventListener("click", () => {
        state.questions[question.id] = { variant: pickVariant(question, mine.variant), answer: null,
                                         correct: false, attempts: 0, firstTry: mine.firstTry };
        save();
        render();
        const first = document.getElementById(`${base}-legend`)?.parentElement.querySelector("input");
        if (first) first.focus();  // the new question, ready to answer
      });
    }
  }

  function check() {
    const answer = read();
    const verdict = judge(variant, input, answer);
    if (verdict.status === "right" || verdict.status === "wrong") {
      mine.attempts += 1;
      mine.answer = answer;
      mine.correct = verdict.status === "right";
      if (mine.correct && mine.attempts === 1) mine.firstTry = true;
      save();
    }
    show(verdict);
  }

  if (mine.answer !== null && mine.answer !== undefined) {
    const verdict = judge(variant, input, mine.answer);  // the key may have changed: judge again
    mine.correct = verdict.status === "right";
    if (verdict.status === "right" || verdict.status === "wrong") show(verdict);
  }
  return set;
}

// ---------------------------------------------------------------------------------------------
// The progress page's quiz column, and "copy embed code".

function showQuizProgress() {
  const cells = document.querySelectorAll("[data-ln-quiz-score]");
  if (!cells.length) return;
  const entries = quizEntries();
  let complete = 0;
  for (const cell of cells) {
    const entry = entries[cell.dataset.lnQuizScore];
    const started = entry && Number.isInteger(entry.score) && Number.isInteger(entry.total) &&
      Object.values(entry.questions || {}).some((q) => q && q.attempts > 0);
    if (started && entry.score === entry.total) complete += 1;
    cell.dataset.state = started ? (entry.score === entry.total ? "passed" : "tried") : "not-started";
    cell.textContent = started ? `${entry.score} of ${entry.total} right` : "Not started";
  }
  const summary = document.querySelector("[data-ln-quiz-summary]");
  if (summary) summary.textContent = `${complete} of ${cells.length} quizzes fully right.`;
}

async function copy(button) {
  const area = document.getElementById(button.dataset.lnCopy);
  const status = button.parentElement.querySelector("[data-ln-copied]");
  let done = false;
  try {
    await navigator.clipboard.writeText(area.value);
    done = true;
  } catch {
    area.select();
    try { done = document.execCommand("copy"); } catch { done = false; }
  }
  status.textContent = done ? "Copied" : "Select the text and copy it with Ctrl+C (Cmd+C).";
}

document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("button[data-ln-copy]");
  if (button) copy(button);
});

function mountAll() {
  for (const root of document.querySelectorAll(".ln-quiz[data-ln-quiz]:not([data-ln-mounted])")) {
    try {
      mount(root);
    } catch (err) {
      root.append(el("p", { role: "alert" }, `This quiz could not start: ${err.message}`));
    }
  }
  showQuizProgress();
}

window.addEventListener("lambdanet-edu:progress-loaded", showQuizProgress);  // a progress file
if (window.document$) window.document$.subscribe(mountAll);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
else mountAll();
