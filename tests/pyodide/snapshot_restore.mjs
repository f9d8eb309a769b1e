// Python restored from a memory snapshot the way the browser's worker makes and restores one
// (docs/assets/ln/worker.mjs, snapshot.mjs): the wheel installed from its bytes, the grader
// imported (which fingerprints the course), the snapshot taken, then a second Pyodide started
// from it and the wheel's files written again. Prints JSON: what the grader's fingerprint finds
// changed right after the restore (must be nothing: the fingerprint is taken before any learner
// code and is still right), and a check and a tampering check run on the restored Python.
// Usage: node snapshot_restore.mjs WHEEL
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";
import { INSTALL_WHEEL } from "../../docs/assets/ln/snapshot.mjs";

const [wheel] = process.argv.slice(2);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const options = {
  indexURL: path.join(root, "node_modules", "pyodide") + path.sep,
  stdout: (line) => process.stderr.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
};
const bytes = new Uint8Array(await readFile(wheel));
const install = (pyodide) => {
  pyodide.FS.writeFile("/tmp/model.whl", bytes);
  pyodide.runPython(INSTALL_WHEEL.replaceAll("WHEEL_PATH", JSON.stringify("/tmp/model.whl")));
};
const entries = (pyodide) => {
  const course = pyodide.pyimport("lambdanet_edu.course");
  return { grade_json: course.grade_json, solution_of: course.solution_of };
};

// Module name -> the class of loader that imported it, for every module of the package.
const LOADERS = `
import json, sys
json.dumps({name: type(module.__spec__.loader).__name__ for name, module in sys.modules.items()
            if name.split(".")[0] == "lambdanet_edu"})
`;

const first = await loadPyodide({ ...options, _makeSnapshot: true });
install(first);
entries(first);
const loadersFirst = JSON.parse(first.runPython(LOADERS));
const snapshot = first.makeMemorySnapshot();

const python = await loadPyodide({ ...options, _loadSnapshot: snapshot });
install(python);
const grader = entries(python);
const changed = JSON.parse(python.runPython(`
import json
from lambdanet_edu.course.grading import _TOOLS
guard = _TOOLS[0]()
guard.clear_events()
guard.adopt()
json.dumps(guard.differences())
`));
const loadersRestored = JSON.parse(python.runPython(LOADERS));
// Imported by no one before: it must come from the files written again after the restore.
const later = python.runPython(`
import importlib, os, sys
assert "lambdanet_edu.course.quizzes.export.gift" not in sys.modules
module = importlib.import_module("lambdanet_edu.course.quizzes.export.gift")
[type(module.__spec__.loader).__name__, os.path.basename(module.__file__)]
`).toJs();
const exercise = python.runPython("from lambdanet_edu import course; next(iter(course.EXERCISES))");
const solution = grader.solution_of(exercise);
const grade = (code) => JSON.parse(grader.grade_json(exercise, code, "check"));
const tampered = grade("import builtins\nbuiltins.len = None\n" + solution);
process.stdout.write(JSON.stringify({
  loaders_first: loadersFirst,
  loaders_restored: loadersRestored,
  later,
  changed,
  solution: grade(solution).status,
  tampered: { status: tampered.status, reset: tampered.reset === true },
  after: grade(solution).status,
}));
