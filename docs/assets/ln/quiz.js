// Quiz widgets (mkdocs.yml and the quiz embeds load this on every page). No Python here:
// answers are read and judged by quiz-answers.js against the answer key the build computed.
// Text from the quiz data is the compiler's escaped inline HTML; it is still filtered to <code>
// and <strong> before it reaches the page (dom.js rich()). Answers are saved with store.js.

import { button, el, mountEach, onEveryPage, rich } from "./dom.js";
import { answerOf, judge, nextVariant, offersAnswer, pickVariant, recordTry, restore, reveal,
         tally } from "./quiz-answers.js";
import { quizEntries, saveQuiz } from "./store.js";

// Blocked or partitioned storage in a wiki's iframe, or full: once a save fails, the score line
// says so from then on.
let storageFailed = false;

function mount(root) {
  const quiz = JSON.parse(root.dataset.lnQuizData);
  const saved = quizEntries()[quiz.id];
  const state = restore(quiz, saved);
  const body = el("div", { class: "ln-quiz__body" });
  const score = el("p", { class: "ln-quiz__score", role: "status", "aria-live": "polite" });
  let kept = true;

  function save(write = true) {
    const { right, first, shown } = tally(state);
    if (write) {
      if (!saveQuiz(quiz.id, { ...state, score: right, total: quiz.questions.length,
                               updated: new Date().toISOString() })) storageFailed = true;
      kept = !storageFailed;
    }
    score.textContent = `${right} of ${quiz.questions.length} right` +
      (first ? ` (${first} on the first try)` : "") +
      (shown ? `; ${shown} ${shown === 1 ? "answer" : "answers"} shown` : "") + "." +
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
    [id, q.variant, q.answer, q.correct, q.attempts, q.firstTry, q.revealed, q.shownBefore]));
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
  const checkButton = bar.appendChild(button("Check", "md-button--primary"));
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
    if (verdict.mistake) {
      feedback.append(el("p", { class: "ln-quiz__misconception", role: "heading", "aria-level": "4" },
                         `What the numbers suggest: ${verdict.mistake.name}`));
      feedback.append(rich("p", verdict.mistake.html));
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
    if (offersAnswer(mine, verdict)) {
      const offer = feedback.appendChild(el("p", { class: "ln-quiz__offer" },
        `${mine.attempts} tries so far. You can see the answer and why; the question then ` +
        "does not count as right first time."));
      const showIt = offer.appendChild(button("Show the answer"));
      showIt.addEventListener("click", () => {
        Object.assign(mine, reveal(mine));
        save();
        show(verdict);
        document.getElementById(`${base}-answer`)?.focus();
      });
    }
    if (mine.revealed) {
      const answer = answerOf(variant, input);
      const box = feedback.appendChild(el("div", { class: "ln-quiz__answer", id: `${base}-answer`,
                                                   tabindex: "-1" }));
      box.append(el("p", { class: "ln-quiz__misconception", role: "heading", "aria-level": "4" },
                    "The answer"));
      box.append(rich("p", answer.html), rich("p", answer.explanation));
    }
    if ((verdict.status === "right" || mine.revealed) && question.variants.length > 1) {
      const again = feedback.appendChild(button("Try other numbers"));
      again.addEventListener("click", () => {
        state.questions[question.id] = nextVariant(mine, pickVariant(question, mine.variant));
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
      Object.assign(mine, recordTry(mine, verdict, answer));
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

onEveryPage(() => mountEach(".ln-quiz[data-ln-quiz]", mount, "This quiz could not start"));
