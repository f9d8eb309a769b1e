// Exercise widgets and the learner's progress. A thin transport: code goes to the Python worker,
// feedback comes back and is shown as text. Grading lives in lambdanet_edu.exercises.
//
// Python (Pyodide) starts only when a learner is about to use an exercise (focus in it, or a
// button), once per visit: this module is loaded once and survives Material's instant navigation,
// so the worker it holds does too.

import { showPicture } from "./picture.js";
import { KEY, store } from "./store.js";

const ASSETS = new URL("../", import.meta.url);   // site/assets/
const ROOT = new URL("../", ASSETS);              // the site root
const GRACE_MS = 2000;   // an interrupt that has not landed by then never will: restart instead
const NEAR_END_S = 3;    // the one countdown moment a screen reader hears

// Storage (store.js): code is saved on every change, progress on every check.

function progress() {
  return store.read("progress", { exercises: {} });
}

// A "real" attempt is a check of code that is not the starter: it unlocks the solution.
function recordAttempt(id, version, passed, real) {
  const all = progress();
  const entry = all.exercises[id] || { attempts: 0, realAttempts: 0 };
  entry.attempts += 1;
  entry.realAttempts = (entry.realAttempts || 0) + (real ? 1 : 0);
  entry.version = version;
  entry.lastTried = new Date().toISOString();
  if (passed) {
    entry.status = "passed";
    entry.passedAt = entry.lastTried;
  } else if (entry.status !== "passed") {
    entry.status = "tried";
  }
  all.exercises[id] = entry;
  store.write("progress", all);
  return entry;
}

// Code kept from before the exercise changed (or before a progress file replaced it), under
// "code:<id>@<version>": the newest, or null.
function earlierCode(id) {
  let newest = null;
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (!key.startsWith(`${KEY}code:${id}@`)) continue;
      const entry = store.read(key.slice(KEY.length), null);
      if (entry && typeof entry.code === "string" &&
          (!newest || (entry.savedAt || 0) > (newest.savedAt || 0))) newest = entry;
    }
  } catch { /* storage disabled: nothing was kept */ }
  return newest;
}

// ---------------------------------------------------------------------------------------------
// The Python worker, shared by every widget on every page of this visit.

const python = {
  worker: null,
  ready: null,
  pending: new Map(),
  nextId: 1,
  interrupt: null,
  bootMs: null,
  boots: 0,
  integrity: {},  // site path -> SRI digest of the files the worker fetches (from data-ln-config)

  start(wheel) {
    if (this.worker) return this.ready;
    this.boots += 1;
    const worker = new Worker(new URL("ln/worker.mjs", ASSETS), { type: "module", name: "python" });
    // With cross-origin isolation, Stop interrupts Python in place; without it, the worker restarts.
    this.interrupt = self.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      this.abortBoot = reject;
      worker.onmessage = ({ data }) => {
        if (data.type === "booted") {
          this.bootMs = data.ms;
          resolve();
        } else if (data.type === "boot-error") {
          reject(new Error(data.message));
        } else if (data.dead) {
          this.discard(new Error("crashed"));  // Python exited or failed: this worker is done
        } else {
          const waiter = this.pending.get(data.id);
          this.pending.delete(data.id);
          if (!waiter) return;
          if (data.type === "result") waiter.resolve(data.result);
          else waiter.reject(new Error(data.message));
        }
      };
      worker.onerror = (event) => {
        if (this.worker !== worker || this.bootMs === null) {
          reject(new Error(event.message || "the Python worker failed to load"));
        } else {
          event.preventDefault();  // reported to the learner instead
          this.discard(new Error("crashed"));
        }
      };
    });
    const ready = this.ready;
    ready.catch(() => { if (this.ready === ready) this.discard(); });  // a later start is not ours
    worker.postMessage({
      type: "boot",
      indexURL: new URL("pyodide/", ASSETS).href,
      wheelURL: new URL(wheel, ROOT).href,
      interrupt: this.interrupt ? this.interrupt.buffer : null,
      integrity: Object.fromEntries(Object.entries(this.integrity)
        .map(([path, digest]) => [new URL(path, ROOT).href, digest])),
    });
    return this.ready;
  },

  async call(wheel, message) {
    await this.start(wheel);
    if (this.interrupt) Atomics.store(this.interrupt, 0, 0);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...message, id });
    });
  },

  // Returns "interrupted" (Python raised KeyboardInterrupt) or "restarted" (worker replaced;
  // also while Python is still starting, when there is nothing to interrupt yet).
  stop() {
    if (this.interrupt && this.bootMs !== null) {
      Atomics.store(this.interrupt, 0, 2);  // SIGINT: the grader reports "Stopped"
      return "interrupted";
    }
    this.discard(new Error("stopped"));
    return "restarted";
  },

  discard(reason) {
    if (this.worker) this.worker.terminate();
    if (this.bootMs === null && this.abortBoot) this.abortBoot(reason || new Error("stopped"));
    this.worker = null;
    this.ready = null;
    this.bootMs = null;
    for (const waiter of this.pending.values()) waiter.reject(reason || new Error("stopped"));
    this.pending.clear();
  },
};

// Exposed for the browser tests and the progress page: how many times Python booted.
window.lambdanetEdu = { python, store };

// ---------------------------------------------------------------------------------------------
// The widget.

let editorModule = null;
function loadEditor() {
  editorModule ||= import(new URL("ln/editor.js", ASSETS).href);
  return editorModule;
}

function element(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

async function mount(root) {
  root.dataset.lnMounted = "true";
  const data = JSON.parse(root.dataset.lnConfig);
  Object.assign(python.integrity, data.integrity);
  const saved = store.read(`code:${data.id}`, null);
  const changed = saved && saved.version !== data.version;
  if (changed) store.write(`code:${data.id}@${saved.version}`, saved);  // the old attempt stays
  const earlier = earlierCode(data.id);
  const limit = data.timeLimit || 10;
  const ui = build(root, data, earlier);
  let code = saved ? saved.code : data.starter;
  const past = progress().exercises[data.id] || {};
  let attempted = past.realAttempts > 0;
  let hintsShown = 0;
  let busy = false;
  let stopping = null;  // why the running code is being stopped: "button" or "limit"
  let grace = null;
  let clock = null;

  const { createEditor } = await loadEditor();
  root.querySelector(".ln-exercise__starter").replaceWith(ui.widget);
  const editor = createEditor({
    parent: ui.editor,
    doc: code,
    label: `Python code for the exercise “${data.title}”`,
    describedBy: ui.keys.id,
    onChange(text) {
      code = text;
      if (!store.write(`code:${data.id}`, { code, version: data.version, savedAt: Date.now() })) {
        say("Your browser is not letting this page save your code; copy it before you leave.");
      }
    },
    onRun: () => act("run"),
    onCheck: () => act("check"),
  });
  root.lnEditor = editor;  // lets the browser tests read the code exactly as stored
  if (changed) {
    say("This exercise changed since you last worked on it. Your code is kept as it was, and " +
        "“Your earlier code” brings it back later; Reset loads the new starter code " +
        "(Ctrl+Z undoes a reset).");
  }
  ui.solution.disabled = !attempted;
  if (past.status === "passed") ui.badge.textContent = "Done";

  // Focus in the widget (click into the editor, or Tab to it) is the learner's intent to use it:
  // Python starts then, while they read and type. Merely scrolling past costs no download.
  root.addEventListener("focusin", () => python.start(data.wheel).catch(() => {}), { once: true });

  function say(text) {
    ui.status.textContent = text;
  }

  function show(feedback) {
    ui.feedback.dataset.status = feedback.status;
    ui.feedbackTitle.textContent = feedback.title;
    ui.feedbackMessage.textContent = feedback.message;
    ui.output.textContent = feedback.output || "";
    ui.output.hidden = !feedback.output;
    showPicture(ui.picture, feedback.picture);  // empties it when there is no picture
    ui.feedback.hidden = false;
  }

  // Stop and the time limit end a run the same way: interrupt Python in place when the page is
  // cross-origin isolated, else restart it. An interrupt lands only while Python runs bytecode;
  // stuck in C (a huge allocation) or not running at all, it never does: restart after a grace.
  function halt(why) {
    if (!busy || stopping) return;
    stopping = why;
    clearInterval(clock);
    const how = python.stop();
    if (how === "interrupted") grace = setTimeout(() => python.discard(new Error("unanswered")), GRACE_MS);
    say(how === "interrupted" ? "Stopping…" : "Stopping (restarting Python)…");
  }

  function countdown(started) {
    const deadline = started + limit * 1000;
    let warned = false;
    ui.countdown.textContent = `${limit} s left`;
    ui.countdown.hidden = false;
    clock = setInterval(() => {  // text only, once a second; the live region is told twice at most
      const left = Math.ceil((deadline - performance.now()) / 1000);
      if (left <= 0) {
        ui.countdown.textContent = "Time limit reached";
        halt("limit");
        return;
      }
      ui.countdown.textContent = `${left} s left`;
      if (left <= NEAR_END_S && !warned && limit > NEAR_END_S) {
        warned = true;
        say(`Still running: the time limit stops it in ${left} s.`);
      }
    }, 1000);
  }

  async function act(mode) {
    if (busy) return;
    busy = true;
    stopping = null;
    ui.run.disabled = ui.check.disabled = true;
    ui.stop.disabled = false;
    let phase = "starting";
    const ran = `Your code ran for ${limit} s, this exercise's time limit, and was stopped.`;
    const kept = "Your code is kept; look for a loop that never ends, then Run again.";
    try {
      if (python.bootMs === null) say("Starting Python in your browser (the first time takes a few seconds)…");
      await python.start(data.wheel);
      phase = "running";
      say(`Running… (time limit ${limit} s)`);
      const started = performance.now();
      countdown(started);
      const feedback = await python.call(data.wheel, { type: "grade", exercise: data.id, code, mode });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (feedback.status === "stopped" && stopping === "limit") {
        Object.assign(feedback, { title: "Time limit reached", message: `${ran} ${kept}` });
      }
      show(feedback);
      say(feedback.status === "stopped" ? (stopping === "limit" ? "Stopped by the time limit." : "Stopped.")
        : `${mode === "check" ? "Checked" : "Ran"} in ${seconds} s.`);
      if (mode === "check" && feedback.status !== "stopped") {
        const real = code.trim() !== data.starter.trim();
        const entry = recordAttempt(data.id, data.version, feedback.status === "passed", real);
        attempted = entry.realAttempts > 0;
        ui.solution.disabled = !attempted;
        if (entry.status === "passed") ui.badge.textContent = "Done";
      }
    } catch (err) {
      const unanswered = err.message === "unanswered";
      const restarted = unanswered
        ? "Python did not answer the interrupt (it was busy inside one long step), so it was restarted."
        : "Python was restarted to stop it.";
      if ((unanswered || err.message === "stopped") && stopping === "limit") {
        show({ status: "stopped", title: "Time limit reached",
               message: `${ran} ${restarted} ${kept}` });
        say("Stopped by the time limit; Python was restarted.");
      } else if (unanswered || err.message === "stopped") {
        const why = phase === "starting" ? "Python was stopped while it was starting."
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
        say(phase === "starting" ? "Something went wrong starting Python; reload the page to try again."
          : "Something went wrong running your code; Run it again, or reload the page.");
      }
    } finally {
      clearInterval(clock);
      clearTimeout(grace);
      ui.countdown.hidden = true;
      busy = false;
      ui.run.disabled = ui.check.disabled = false;
      ui.stop.disabled = true;
    }
  }

  ui.run.addEventListener("click", () => act("run"));
  ui.check.addEventListener("click", () => act("check"));
  ui.stop.addEventListener("click", () => halt("button"));
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
    const item = element("li", {}, data.hints[hintsShown]);
    ui.hints.append(item);
    ui.hints.hidden = false;
    hintsShown += 1;
    ui.hint.textContent = hintsShown < data.hints.length
      ? `Hint ${hintsShown + 1} of ${data.hints.length}` : "No more hints";
    ui.hint.disabled = hintsShown >= data.hints.length;
    say(`Hint ${hintsShown}: ${data.hints[hintsShown - 1]}`);
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

function build(root, data, earlier) {
  const n = data.id;
  const widget = element("div", { class: "ln-widget" });
  const keys = element("p", { class: "ln-keys", id: `ln-keys-${n}` },
    "Tab indents; press Escape then Tab to leave the editor. Ctrl+Enter (Cmd+Enter) runs, " +
    "Shift+Ctrl+Enter checks. Your code is saved in this browser as you type.");
  const editor = element("div", { class: "ln-editor" });
  const bar = element("div", { class: "ln-buttons" });
  const button = (label, cls = "") => bar.appendChild(
    element("button", { type: "button", class: `md-button ${cls}`.trim() }, label));
  const run = button("Run");
  const check = button("Check", "md-button--primary");
  const stop = button("Stop");
  stop.disabled = true;
  const hint = button(data.hints.length ? `Hint 1 of ${data.hints.length}` : "No hints");
  hint.disabled = !data.hints.length;
  const solution = button("Show solution");
  solution.title = "Available after your first check";
  const reset = button("Reset");
  const earlierButton = earlier ? button("Your earlier code") : null;
  if (earlierButton) {
    earlierButton.title = `Saved ${new Date(earlier.savedAt || 0).toLocaleString()}`;
  }
  const badge = element("span", { class: "ln-badge" });
  bar.append(badge);
  const status = element("p", { class: "ln-status-line", role: "status", "aria-live": "polite" },
    "Python starts in your browser when you use this exercise.");
  // Outside the live region: seconds ticking away are seen, not read out every second.
  const countdown = element("p", { class: "ln-countdown" });
  countdown.hidden = true;
  const feedback = element("div", { class: "ln-feedback", "aria-live": "polite" });
  feedback.hidden = true;
  const feedbackTitle = feedback.appendChild(element("p", { class: "ln-feedback__title" }));
  const feedbackMessage = feedback.appendChild(element("p", { class: "ln-feedback__message" }));
  const output = feedback.appendChild(element("pre", { class: "ln-output", "aria-label": "Printed output" }));
  const picture = feedback.appendChild(element("div", { class: "ln-picture" }));
  const hints = element("ol", { class: "ln-hints", "aria-label": "Hints" });
  hints.hidden = true;
  const solutionBox = element("div", { class: "ln-solution" });
  solutionBox.hidden = true;
  solutionBox.append(element("p", {}, "Reference solution:"));
  const solutionCode = solutionBox.appendChild(element("pre", { class: "ln-output" }));
  widget.append(keys, editor, bar, status, countdown, feedback, hints, solutionBox);
  return { widget, keys, editor, run, check, stop, hint, solution, reset, earlier: earlierButton,
           badge, status, countdown,
           feedback, feedbackTitle, feedbackMessage, output, picture, hints, solutionBox, solutionCode };
}

// ---------------------------------------------------------------------------------------------
// The progress page: statuses come from this browser's storage.

function showProgress() {
  const cells = document.querySelectorAll("[data-ln-status]");
  if (!cells.length) return;
  const done = progress().exercises;
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

function mountAll() {
  for (const root of document.querySelectorAll(".ln-exercise:not([data-ln-mounted])")) {
    mount(root).catch((err) => {
      root.append(element("p", { class: "ln-status-line", role: "alert" },
        `This exercise could not start: ${err.message}`));
    });
  }
  showProgress();
  const fileBox = document.querySelector("[data-ln-progress-file]:not([data-ln-mounted])");
  if (fileBox) {  // the progress page: its "download / load a progress file" controls
    fileBox.dataset.lnMounted = "true";
    import("./progress.js").then((m) => m.mountProgressFile(fileBox)).catch((err) => {
      fileBox.append(element("p", { role: "alert" }, `Progress files are not available: ${err.message}`));
    });
  }
}

window.addEventListener("lambdanet-edu:progress-loaded", showProgress);

if (window.document$) window.document$.subscribe(mountAll);
else mountAll();
