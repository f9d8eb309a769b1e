// The progress page: each exercise's status and each quiz's score, from this browser's storage
// (store.js), and the controls that save them to a file or load one (progress.js, loaded only
// on that page).

import { mountEach } from "./dom.js";
import { quizEntries, readProgress } from "./store.js";

/** Fills the status and score cells of the page shown, if it has them. */
export function showProgress() {
  showExercises();
  showQuizzes();
}

function showExercises() {
  const cells = document.querySelectorAll("[data-ln-status]");
  if (!cells.length) return;
  const done = readProgress().exercises;
  let passed = 0;
  for (const cell of cells) {
    const entry = done[cell.dataset.lnStatus];
    const state = entry ? entry.status : "not-started";
    if (state === "passed") passed += 1;
    cell.dataset.state = state;
    cell.textContent = state === "passed" ? "Done" : state === "tried"
      ? `Tried (${entry.attempts} ${entry.attempts === 1 ? "check" : "checks"})` : "Not started";
  }
  const summary = document.querySelector("[data-ln-summary]");
  if (summary) summary.textContent = `${passed} of ${cells.length} exercises done.`;
}

function showQuizzes() {
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

/** The progress page's "download / load a progress file" controls, if the page has them. */
export function mountProgressFile() {
  mountEach("[data-ln-progress-file]",
            (box) => import("./progress.js").then((m) => m.mountProgressFile(box)),
            "Progress files are not available");
}
