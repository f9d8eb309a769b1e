// One exercise widget: the editor, its buttons, the countdown and the feedback. A thin transport:
// code goes to Python (python.js), feedback comes back and is shown as text; grading lives in
// the model. Code is saved on every change, progress on every check (store.js).

import { button, el } from "./dom.js";
import { showPicture } from "./picture.js";
import { python } from "./python.js";
import { earlierCode, exerciseProgress, keepEarlierCode, readCode, readSnapshotRecord,
         recordCheck, saveCode } from "./store.js";

const NEAR_END_S = 3;    // the one countdown moment a screen reader hears

// The editor bundle (CodeMirror, the largest script on the site) is fetched when an exercise is
// about to be used, not with the page: once the exercise has been in view (or within half a
// screen of it) for a moment, or at once when the learner reaches for the code (the pointer on
// it, or keyboard focus in the exercise). Until then the page shows the starter code as plain
// text, and a reader who never reaches an exercise never downloads it.
const NEAR = "0px 0px 50% 0px";
// A Run clicked in that moment (a learner who came to run the code as it stands) starts Python
// first, and the editor follows once Python is ready, or as soon as they reach for the code:
// loading and building the editor during Python's first boot, which takes both cores of a small
// machine, made that first result 0.1-0.2 s later (measured).
const SETTLE_MS = 300;
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The editor is built in an idle moment: building it takes the page 50-90 ms (measured), and a
// Run clicked as the exercise comes into view should reach Python first.
const idle = () => new Promise((resolve) =>
  (self.requestIdleCallback ? requestIdleCallback(() => resolve(), { timeout: 300 })
                            : setTimeout(resolve, 0)));

const afterLoad = () => new Promise((resolve) => {
  if (document.readyState === "complete") resolve();
  else window.addEventListener("load", () => resolve(), { once: true });
});

let editorModule = null;
function loadEditor() {
  editorModule ||= import(new URL("editor.js", import.meta.url).href);
  return editorModule;
}

/** Resolves once `root` is about to be used (see NEAR). Exported for the unit tests. */
export function aboutToBeUsed(root, { Observer = self.IntersectionObserver } = {}) {
  return new Promise((resolve) => {
    let observer = null;
    const events = ["focusin", "pointerover"];
    const go = () => {
      if (observer) observer.disconnect();
      for (const name of events) root.removeEventListener(name, go);
      resolve();
    };
    for (const name of events) root.addEventListener(name, go);
    if (!Observer) return go();  // no way to tell what is on screen: do not hold the editor back
    observer = new Observer((entries) => { if (entries.some((e) => e.isIntersecting)) go(); },
                            { rootMargin: NEAR });
    observer.observe(root);
  });
}

/** Resolves when the learner reaches for the code in `root`: the pointer on the code (`code`),
 *  or keyboard focus anywhere in the exercise (a click on Run is not reaching for the code). */
function reachesForCode(root, code) {
  return new Promise((resolve) => {
    const reached = () => {
      code.removeEventListener("pointerover", reached);
      code.removeEventListener("pointerdown", reached);
      root.removeEventListener("focusin", focus);
      resolve();
    };
    const focus = (event) => {
      if (event.target instanceof Element && event.target.matches(":focus-visible")) reached();
    };
    code.addEventListener("pointerover", reached);
    code.addEventListener("pointerdown", reached);
    root.addEventListener("focusin", focus);
  });
}

/** Replaces the exercise's starter-code block in `root` with the working widget. */
export async function mountExercise(root) {
  const data = JSON.parse(root.dataset.lnConfig);
  Object.assign(python.integrity, data.integrity);
  const saved = readCode(data.id);
  const changed = saved && saved.version !== data.version;
  if (changed) keepEarlierCode(data.id, saved);  // the old attempt stays
  const earlier = earlierCode(data.id);
  const limit = data.timeLimit || 10;
  const ui = build(data, earlier);
  let code = saved ? saved.code : data.starter;
  const past = exerciseProgress(data.id);
  let attempted = past.realAttempts > 0;
  let hintsShown = 0;
  let job = null;  // the run in progress, if any

  root.querySelector(".ln-exercise__starter").replaceWith(ui.widget);
  // Until the editor arrives the code is shown as text, and the buttons already work on it.
  const plain = ui.editor.appendChild(el("pre", { class: "ln-editor__plain" }));
  // As the editor shows it: a last empty line is a line, and the gutter is as wide as the
  // number of lines needs (exercises.css).
  const showPlain = () => {
    plain.textContent = code.endsWith("\n") ? `${code}\n` : code;
    const digits = String(code.split("\n").length).length;
    plain.className = `ln-editor__plain ln-editor__plain--${Math.min(digits, 3)}`;
  };
  showPlain();
  let editor = {
    get value() { return code; },
    set value(text) {
      code = text;
      showPlain();
      saveCode(data.id, code, data.version);
    },
    focus() {},
  };
  root.lnEditor = editor;  // lets the browser tests read the code exactly as stored
  // Python's worker and its own script (a few KB, no Python) are loaded once the page has
  // loaded and is idle, or sooner when an exercise is about to be used: a Run then starts
  // Python at once (0.1-0.25 s sooner, measured). A learner whose Python an earlier visit kept
  // (a snapshot record) has come back to use it: Pyodide's JavaScript loads then too, from
  // this browser's caches, so a Run clicked at once starts from the snapshot at once. Anyone
  // else fetches nothing of Pyodide before using an exercise.
  const returning = Boolean(readSnapshotRecord());
  const prepare = () => python.prepare({ pyodide: returning });
  if (returning) prepare();
  else afterLoad().then(idle).then(prepare);
  const soon = aboutToBeUsed(root);
  soon.then(prepare);
  const booting = () => (python.worker && python.bootMs === null ? python.ready : null);
  const settled = soon.then(() => pause(SETTLE_MS)).then(booting).catch(() => {});
  const wanted = Promise.race([settled, reachesForCode(root, ui.editor)]);
  wanted.then(loadEditor).then((module) => idle().then(() => module)).then(({ createEditor }) => {
    plain.remove();
    editor = createEditor({
      parent: ui.editor,
      doc: code,
      label: `Python code for the exercise “${data.title}”`,
      describedBy: ui.keys.id,
      onChange(text) {
        code = text;
        if (!saveCode(data.id, code, data.version)) {
          say("Your browser is not letting this page save your code; copy it before you leave.");
        }
      },
      onRun: () => act("run"),
      onCheck: () => act("check"),
    });
    root.lnEditor = editor;
  }).catch((err) => {
    root.append(el("p", { class: "ln-status-line", role: "alert" },
                   `This exercise could not start: ${err.message}`));
  });
  if (changed) {
    say("This exercise changed since you last worked on it. Your code is kept as it was, and " +
        "“Your earlier code” brings it back later; Reset loads the new starter code " +
        "(Ctrl+Z undoes a reset).");
  }
  ui.solution.disabled = !attempted;
  if (past.status === "passed") ui.badge.textContent = "Done";

  // Focus in the widget (click into the editor, or Tab to it) is the learner's intent to use it:
  // Python starts then, while they read and type. Merely scrolling past costs no download.
  // Pressing the pointer on the editor is as good a sign, and comes before the focus it gives;
  // the pointer merely passing over it is reading, not using (tests/browser/test_site_pages.py).
  const startPython = () => python.start(data.wheel).catch(() => {});
  root.addEventListener("focusin", startPython, { once: true });
  ui.editor.addEventListener("pointerdown", startPython, { once: true });

  function say(text) {
    ui.status.textContent = text;
  }

  function show(feedback) {
    ui.feedback.dataset.status = feedback.status;
    ui.feedbackTitle.textContent = feedback.title;
    ui.feedbackMessage.textContent = feedback.message;
    ui.output.textContent = feedback.output || "";
    ui.output.hidden = !feedback.output;
    // A Run's message summarises the value; the whole of it waits behind a disclosure.
    ui.valueText.textContent = feedback.value || "";
    ui.value.open = false;
    ui.value.hidden = !feedback.value;
    showPicture(ui.picture, feedback.picture);  // empties it when there is no picture
    ui.feedback.hidden = false;
  }

  // The countdown is text, changed once a second; the live region is told twice at most.
  let warned = false;
  const tick = (left) => {
    if (left <= 0) {
      ui.countdown.textContent = "Time limit reached";
      return;
    }
    ui.countdown.textContent = `${left} s left`;
    if (left <= NEAR_END_S && !warned && limit > NEAR_END_S) {
      warned = true;
      say(`Still running: the time limit stops it in ${left} s.`);
    }
  };

  async function act(mode) {
    if (job) return;
    let started = 0;
    warned = false;
    job = python.run(data.wheel, { type: "grade", exercise: data.id, code, mode }, {
      seconds: limit,
      onRunning() {
        say(`Running… (time limit ${limit} s)`);
        ui.countdown.textContent = `${limit} s left`;
        ui.countdown.hidden = false;
        started = performance.now();
      },
      onTick: tick,
      onStopping: (how) => say(how === "interrupted" ? "Stopping…" : "Stopping (restarting Python)…"),
    });
    ui.run.disabled = ui.check.disabled = true;
    ui.stop.disabled = false;
    const ran = `Your code ran for ${limit} s, this exercise's time limit, and was stopped.`;
    const kept = "Your code is kept; look for a loop that never ends, then Run again.";
    try {
      if (job.phase === "starting" && python.bootMs === null) {
        say("Starting Python in your browser (the first time takes a few seconds)…");
      }
      const feedback = await job.result;
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const byLimit = job.stoppedBy === "limit";
      if (feedback.status === "stopped" && byLimit) {
        Object.assign(feedback, { title: "Time limit reached", message: `${ran} ${kept}` });
      }
      show(feedback);
      say(feedback.status === "stopped" ? (byLimit ? "Stopped by the time limit." : "Stopped.")
        : feedback.reset ? "Python was restarted, so your code’s changes reach no other exercise."
        : `${mode === "check" ? "Checked" : "Ran"} in ${seconds} s.`);
      if (mode === "check" && feedback.status !== "stopped") {
        const real = code.trim() !== data.starter.trim();
        const entry = recordCheck(data.id, data.version, feedback.status === "passed", real);
        attempted = entry.realAttempts > 0;
        ui.solution.disabled = !attempted;
        if (entry.status === "passed") ui.badge.textContent = "Done";
      }
    } catch (err) {
      const unanswered = err.message === "unanswered";
      const restarted = unanswered
        ? "Python did not answer the interrupt (it was busy inside one long step), so it was restarted."
        : "Python was restarted to stop it.";
      if ((unanswered || err.message === "stopped") && job.stoppedBy === "limit") {
        show({ status: "stopped", title: "Time limit reached",
               message: `${ran} ${restarted} ${kept}` });
        say("Stopped by the time limit; Python was restarted.");
      } else if (unanswered || err.message === "stopped") {
        const why = job.phase === "starting" ? "Python was stopped while it was starting."
          : unanswered ? restarted
          : "Python was restarted to stop your code (this page cannot interrupt it in place).";
        show({ status: "stopped", title: "Stopped",
               message: `${why} Your code is kept; the next Run starts Python again.` });
        say("Stopped.");
      } else if (err.message === "crashed") {
        show({ status: "error", title: "Python stopped working",
               message: "Your code ended Python itself (it exited, or crashed it), so Python was " +
                        "restarted. Your code is kept; Run it again when you have changed it." });
        say("Python was restarted.");
        python.start(data.wheel).catch(() => {});
      } else {
        show({ status: "error", title: "Python could not run", message: err.message });
        say(job.phase === "starting" ? "Something went wrong starting Python; reload the page to try again."
          : "Something went wrong running your code; Run it again, or reload the page.");
      }
    } finally {
      job = null;
      ui.countdown.hidden = true;
      ui.run.disabled = ui.check.disabled = false;
      ui.stop.disabled = true;
    }
  }

  ui.run.addEventListener("click", () => act("run"));
  ui.check.addEventListener("click", () => act("check"));
  ui.stop.addEventListener("click", () => { if (job) job.stop("button"); });
  if (earlier) {
    ui.earlier.addEventListener("click", () => {
      editor.value = earlier.code;
      say("Your earlier code is back in the editor. Ctrl+Z (Cmd+Z) undoes this.");
      editor.focus();
    });
  }
  ui.reset.addEventListener("click", () => {
    editor.value = data.starter;
    say("Starter code restored. Ctrl+Z (Cmd+Z) brings your code back.");
    editor.focus();
  });
  ui.hint.addEventListener("click", () => {
    if (hintsShown >= data.hints.length) return;
    ui.hints.append(hintItem(data.hints[hintsShown]));
    ui.hints.hidden = false;
    hintsShown += 1;
    ui.hint.textContent = hintsShown < data.hints.length
      ? `Hint ${hintsShown + 1} of ${data.hints.length}` : "No more hints";
    ui.hint.disabled = hintsShown >= data.hints.length;
    // The hint itself is in the list below: the status line only says where to find it.
    say(`Hint ${hintsShown} of ${data.hints.length} is in the hints below the feedback.`);
  });
  ui.solution.addEventListener("click", async () => {
    if (!attempted) return;
    try {
      ui.solutionCode.textContent = await python.call(data.wheel, { type: "solution", exercise: data.id });
      ui.solutionBox.hidden = false;
      say("The reference solution is shown below the feedback.");
    } catch (err) {
      say(`The solution could not be loaded: ${err.message}`);
    }
  });
}

// What Markdown makes of a hint's text, code and emphasis (the build lets nothing else through).
const HINT_TAGS = new Set(["P", "CODE", "STRONG", "EM", "UL", "OL", "LI", "PRE", "BR"]);

/** A hint, rendered at build time like the statement, as a list item: only HINT_TAGS are kept
 *  (without attributes), anything else becomes its text. */
function hintItem(html) {
  const item = el("li");
  const template = document.createElement("template");
  template.innerHTML = html || "";
  const copy = (from, to) => {
    for (const child of from.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) to.append(child.textContent);
      else if (HINT_TAGS.has(child.nodeName)) {
        copy(child, to.appendChild(document.createElement(child.nodeName.toLowerCase())));
      } else copy(child, to);
    }
  };
  copy(template.content, item);
  return item;
}

function build(data, earlier) {
  const widget = el("div", { class: "ln-widget" });
  const keys = el("p", { class: "ln-keys", id: `ln-keys-${data.id}` },
    "Tab indents; press Escape then Tab to leave the editor. Ctrl+Enter (Cmd+Enter) runs, " +
    "Shift+Ctrl+Enter checks. Your code is saved in this browser as you type.");
  const editor = el("div", { class: "ln-editor" });
  const bar = el("div", { class: "ln-buttons" });
  const add = (label, extra) => bar.appendChild(button(label, extra));
  const run = add("Run");
  const check = add("Check", "md-button--primary");
  const stop = add("Stop");
  stop.disabled = true;
  const hint = add(data.hints.length ? `Hint 1 of ${data.hints.length}` : "No hints");
  hint.disabled = !data.hints.length;
  const solution = add("Show solution");
  solution.title = "Available after your first check";
  const reset = add("Reset");
  const earlierButton = earlier ? add("Your earlier code") : null;
  if (earlierButton) {
    earlierButton.title = `Saved ${new Date(earlier.savedAt || 0).toLocaleString()}`;
  }
  const badge = el("span", { class: "ln-badge" });
  bar.append(badge);
  const status = el("p", { class: "ln-status-line", role: "status", "aria-live": "polite" },
    "Python starts in your browser when you use this exercise.");
  // Outside the live region: seconds ticking away are seen, not read out every second.
  const countdown = el("p", { class: "ln-countdown" });
  countdown.hidden = true;
  const feedback = el("div", { class: "ln-feedback", "aria-live": "polite" });
  feedback.hidden = true;
  const feedbackTitle = feedback.appendChild(el("p", { class: "ln-feedback__title" }));
  const feedbackMessage = feedback.appendChild(el("p", { class: "ln-feedback__message" }));
  const output = feedback.appendChild(el("pre", { class: "ln-output", "aria-label": "Printed output" }));
  const value = feedback.appendChild(el("details", { class: "ln-value" }));
  value.append(el("summary", {}, "Show the full value"));
  // tabindex: a long value scrolls, and the keyboard must be able to scroll it.
  const valueText = value.appendChild(el("pre", { class: "ln-value__text", tabindex: "0",
                                                  "aria-label": "The full value" }));
  value.hidden = true;
  const picture = feedback.appendChild(el("div", { class: "ln-picture" }));
  const hints = el("ol", { class: "ln-hints", "aria-label": "Hints" });
  hints.hidden = true;
  const solutionBox = el("div", { class: "ln-solution" });
  solutionBox.hidden = true;
  solutionBox.append(el("p", {}, "Reference solution:"));
  const solutionCode = solutionBox.appendChild(el("pre", { class: "ln-output" }));
  widget.append(keys, editor, bar, status, countdown, feedback, hints, solutionBox);
  return { widget, keys, editor, run, check, stop, hint, solution, reset, earlier: earlierButton,
           badge, status, countdown,
           feedback, feedbackTitle, feedbackMessage, output, value, valueText, picture, hints,
           solutionBox, solutionCode };
}
