// Runs Python source in real Pyodide under Node, with the project's wheel installed.
// Usage: node run_in_pyodide.mjs WHEEL SCRIPT.py
// The script's last expression must be a str; it is printed on stdout as is (JSON by convention).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

const [wheel, script] = process.argv.slice(2);
if (!wheel || !script) {
  console.error("usage: node run_in_pyodide.mjs WHEEL SCRIPT.py");
  process.exit(2);
}
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const pyodide = await loadPyodide({
  indexURL: path.join(root, "node_modules", "pyodide") + path.sep,
  stdout: (line) => process.stderr.write(line + "\n"),
  stderr: (line) => process.stderr.write(line + "\n"),
});
// A local path: Pyodide installs the wheel without micropip or any network access.
await pyodide.loadPackage(path.resolve(wheel), { messageCallback: () => {} });
const result = await pyodide.runPythonAsync(await readFile(script, "utf8"));
process.stdout.write(String(result));
