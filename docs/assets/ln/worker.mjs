// The Python worker: Pyodide (served by this site) plus the model's wheel, started once per visit.
// It only carries code in and feedback out; all grading happens in lambdanet_edu.exercises.
import { loadPyodide } from "../pyodide/pyodide.mjs";

let pyodide = null;
let exercises = null;
let booted = null;

// After os._exit() or a fatal error (a stack overflow in C), every call into Pyodide throws
// "Pyodide already exited": the page must replace this worker.
function alive() {
  try {
    return Boolean(pyodide && pyodide.globals);
  } catch {
    return false;
  }
}

// Learner code can bring Pyodide down (a stack overflow past the recursion limit). Pyodide then
// logs a fatal error; here that is expected and handled (the page restarts Python and says so),
// so while learner code runs such logs are warnings, not errors.
let grading = false;
const logError = console.error.bind(console);
console.error = (...args) => (grading ? console.warn : logError)(...args);

async function boot({ indexURL, wheelURL, interrupt }) {
  const started = performance.now();
  pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
  if (interrupt) pyodide.setInterruptBuffer(new Int32Array(interrupt));
  await pyodide.loadPackage(wheelURL, { messageCallback: () => {}, errorCallback: () => {} });
  exercises = pyodide.pyimport("lambdanet_edu.exercises");
  return performance.now() - started;
}

self.onmessage = async ({ data }) => {
  if (data.type === "boot") {
    booted = boot(data);
    booted.then(
      (ms) => self.postMessage({ type: "booted", ms }),
      (err) => self.postMessage({ type: "boot-error", message: String(err && err.message || err) }),
    );
    return;
  }
  try {
    await booted;
    let result;
    if (data.type === "grade") {
      grading = true;
      try {
        result = JSON.parse(exercises.grade_json(data.exercise, data.code, data.mode));
      } finally {
        grading = false;
      }
    } else if (data.type === "solution") {
      result = exercises.solution_of(data.exercise);
    } else {
      throw new Error(`unknown request ${data.type}`);
    }
    self.postMessage({ type: "result", id: data.id, result });
  } catch (err) {
    self.postMessage({ type: "failure", id: data.id, message: String(err && err.message || err),
                       dead: !alive() });
  }
};
