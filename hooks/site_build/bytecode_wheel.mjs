// Writes the model's wheel for the browser (bytecode_wheel.py says why): under Node, in the
// pinned Pyodide, so the bytecode is its Python's own.
//   node bytecode_wheel.mjs <pyodide folder> <source wheel> <output folder>
// Prints the new wheel's file name.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, source, out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node bytecode_wheel.mjs <pyodide folder> <source wheel> <output folder>");
  process.exit(2);
}
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir + path.sep, stdout: () => {} });
const inside = `/tmp/${path.basename(source)}`;
pyodide.FS.writeFile(inside, await readFile(source));
pyodide.FS.mkdir("/tmp/out");
pyodide.runPython(await readFile(new URL("./bytecode_wheel.py", import.meta.url), "utf8"));
const name = pyodide.runPython(
  `import sysconfig\nwrite_bytecode_wheel(Path(${JSON.stringify(inside)}), Path("/tmp/out"), ` +
  `sysconfig.get_paths()["purelib"])`);
await mkdir(out, { recursive: true });
await writeFile(path.join(out, name), pyodide.FS.readFile(`/tmp/out/${name}`));
console.log(name);
