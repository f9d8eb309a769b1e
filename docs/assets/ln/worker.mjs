// The Python worker: Pyodide (served by this site) plus the model's wheel, started once per visit.
// It only carries code in and feedback out; all grading happens in lambdanet_edu.exercises.
import { loadPyodide } from "../pyodide/pyodide.mjs";

let exercises = null;
let booted = null;

async function boot({ indexURL, wheelURL, interrupt }) {
  const started = performance.now();
  const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
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
      result = JSON.parse(exercises.grade_json(data.exercise, data.code, data.mode));
    } else if (data.type === "solution") {
      result = exercises.solution_of(data.exercise);
    } else {
      throw new Error(`unknown request ${data.type}`);
    }
    self.postMessage({ type: "result", id: data.id, result });
  } catch (err) {
    self.postMessage({ type: "failure", id: data.id, message: String(err && err.message || err) });
  }
};
