// The Python worker: Pyodide (served by this site) plus the model's wheel, started once per visit.
// It only carries code in and feedback out; all grading happens in the Python module below.
// The page's side of the protocol is python.js.

import { INSTALL_WHEEL, canSnapshot, forgetSnapshot, readSnapshot, snapshotKey,
         writeSnapshot } from "./snapshot.mjs";

/** The module whose grade_json(exercise, code, mode) and solution_of(exercise) the page calls. */
const GRADER = "lambdanet_edu.course";

let pyodide = null;
let grader = null;
let booted = null;

// The page hears this worker only through a MessagePort it sent with "boot", held in this
// module's scope. Learner code reaches the worker's global scope (Pyodide's `js` module is
// globalThis), so it can call postMessage there; the page ignores that channel, and a result
// it did not ask for over the port is never taken for one. The functions used to answer are
// taken now, before any learner code runs: replacing them later changes nothing here.
let port = null;
const postToPort = MessagePort.prototype.postMessage;
const parseJSON = JSON.parse;
// Reflect.apply, not postToPort.call: learner code can replace Function.prototype.call.
const apply = Reflect.apply;
const send = (message) => apply(postToPort, port, [message]);
// What learner code could replace in this worker's JavaScript world to reach the page or the
// next run: any change makes the reply ask the page for a new worker.
const watched = () => [JSON.parse, JSON.stringify, MessagePort.prototype.postMessage,
                       Function.prototype.call, self.postMessage, self.fetch, self.onmessage,
                       Promise.prototype.then];
let pristine = null;
const tampered = () => watched().some((value, i) => value !== pristine[i]);

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
// A kept snapshot that fails to start is expected and handled the same way (a normal boot).
let grading = false;
let restoring = false;
const logError = console.error.bind(console);
console.error = (...args) => (grading || restoring ? console.warn : logError)(...args);

// Integrity: the build gives the SRI digest of every file this worker fetches (Pyodide's core and
// the wheel; data-ln-config "integrity", absolute URL -> digest). Every fetch of one of them,
// Pyodide's own included, asks the browser to check it (fetch's integrity option: no secure
// context needed, unlike crypto.subtle), so a file that differs is refused before it is used.
// Pyodide's packages would be checked by Pyodide itself against pyodide-lock.json.
// The wasm too is fetched whole and checked before Pyodide compiles it, rather than passed
// through a checker as it streams in: Pyodide then gets fetch's own response, which the browser
// compiles on its fast path and may keep compiled for a later visit. Measured on this machine
// (medians): Python's first boot 3.37 s instead of 3.63 s; a later start from the snapshot
// 0.58-0.89 s instead of 0.64-0.96 s. On a slow link compiling no longer overlaps the download;
// checking a copy alongside cost a second request for the wasm, or a slower tee'd stream.
let integrity = {};
let refused = null;
const plainFetch = self.fetch.bind(self);
self.fetch = async (input, init = {}) => {
  const url = new URL(input instanceof Request ? input.url : input, self.location.href).href;
  const expected = integrity[url];
  if (!expected) return plainFetch(input, init);
  try {
    return await plainFetch(input, { ...init, integrity: expected });
  } catch (err) {
    // A lost connection and a wrong digest fail alike; fetching again unchecked tells them apart.
    const unchecked = await plainFetch(input, init).catch(() => null);
    if (!unchecked || !unchecked.ok) throw err;
    throw refuse(url);
  }
};

function refuse(url) {
  if (!refused) {
    const name = decodeURIComponent(url.slice(url.lastIndexOf("/") + 1));
    refused = new Error(`${name} failed its integrity check: it is not the file this site ` +
                        "was built with, so Python was not started.");
    // Say so now: some of Pyodide's loaders never settle once a file is refused. (Before the
    // boot there is no one to tell: the boot fetches it again and fails then.)
    if (port) send({ type: "boot-error", message: refused.message });
  }
  return refused;
}

// Module imports cannot carry a digest in a worker (import maps do not reach workers), so each
// module is fetched through the check first; the import then reads the same URL, normally from
// the HTTP cache.
async function checkedImport(url) {
  if (integrity[url]) await (await self.fetch(url)).arrayBuffer();
  return import(url);
}

// Pyodide's JavaScript, checked. The page may ask for it before the boot ("import"), with the
// same digests: only when this browser already keeps Python's files (python.js prepare).
let imported = null;
async function importPyodide(indexURL) {
  const asm = new URL("pyodide.asm.mjs", indexURL).href;  // pyodide.mjs imports it
  if (integrity[asm]) await (await self.fetch(asm)).arrayBuffer();
  return checkedImport(new URL("pyodide.mjs", indexURL).href);
}

// The guarded entry functions themselves, not the module: learner code may rebind its names.
function entries(python) {
  const course = python.pyimport(GRADER);
  return { grade_json: course.grade_json, solution_of: course.solution_of };
}

// Python starts from the snapshot kept by an earlier visit when there is a good one
// (snapshot.mjs; `record` is the page's record of it), else boots: Pyodide, the wheel installed
// from its bytes, the grader imported, and a new snapshot taken before any learner code runs.
// What does not depend on Pyodide (the wheel's bytes, the kept snapshot, read and checked) is
// fetched while Pyodide's module loads. -> {ms, from: "snapshot" | "boot", phases}.
async function boot({ indexURL, wheelURL, interrupt, integrity: digests, snapshot: record }) {
  const started = performance.now();
  const phases = {};  // ms since the boot began, at the end of each step (the benchmark reads them)
  const lap = (name) => { phases[name] = Math.round(performance.now() - started); };
  integrity = digests || {};
  let from = "boot";
  try {
    const wheel = self.fetch(wheelURL).then((response) => response.arrayBuffer());
    wheel.catch(() => {});  // awaited below; a failure there is the one reported
    // Only a site whose files carry digests can tell its snapshot from another build's.
    const keep = canSnapshot() && Object.keys(integrity).length > 0;
    const key = keep ? snapshotKey({ ...integrity, wheelURL, GRADER }) : Promise.resolve(null);
    const read = key.then((k) => (k ? readSnapshot(record, k) : null)).catch(() => null);
    const early = imported && imported.catch(() => importPyodide(indexURL));
    const { loadPyodide, version } = await (early || importPyodide(indexURL));
    lap("import");
    read.then(() => lap("read"));
    if (record && record.version !== version) await forgetSnapshot().catch(() => {});
    const quiet = { indexURL, stdout: () => {}, stderr: () => {} };
    // The wheel's files: a snapshot holds Python's memory (the imported modules), not the
    // file system, so they are written again after a restore (for modules imported later and
    // for tracebacks).
    const install = async () => {
      pyodide.FS.writeFile("/tmp/model.whl", new Uint8Array(await wheel));
      pyodide.runPython(INSTALL_WHEEL.replaceAll("WHEEL_PATH", JSON.stringify("/tmp/model.whl")));
    };
    const start = async (options) => {
      pyodide = await loadPyodide({ ...quiet, ...options });
      lap("pyodide");
      await install();
      lap("wheel");
      grader = entries(pyodide);
      lap("grader");
    };
    // A start from the kept snapshot begins before the snapshot is read and checked: Pyodide
    // fetches its WebAssembly meanwhile, and waits for the snapshot only to instantiate it.
    // No snapshot, or a bad one, fails the start, and Python boots instead.
    if (keep && record && record.version === version) {
      restoring = true;
      try {
        await start({ _loadSnapshot: read.then((raw) => raw || Promise.reject(new Error("none"))) });
        from = "snapshot";
      } catch {
        pyodide = grader = null;
        await forgetSnapshot().catch(() => {});
      } finally {
        restoring = false;
      }
    }
    if (!grader) {
      await start(keep ? { _makeSnapshot: true } : {});
      if (keep) {
        const raw = pyodide.makeMemorySnapshot();
        lap("snapshot");
        // Kept once the first answer is out (or Python has been idle a while): copying and
        // packing 31 MB must not hold up the learner's first result.
        const made = await key;
        unsaved = () => {
          // A copy goes to the page, which keeps its digest where this worker cannot write;
          // this message is built and sent with nothing learner code can have replaced.
          send({ type: "snapshot-made", key: made, version, raw });
          writeSnapshot(raw).then(() => send({ type: "snapshot-kept" }),
                                  () => send({ type: "snapshot-lost" }));
        };
        setTimeout(keepSnapshot, SNAPSHOT_IDLE_MS);
      }
    }
    if (interrupt) pyodide.setInterruptBuffer(new Int32Array(interrupt));
  } catch (err) {
    throw refused || err;  // Pyodide may catch a refused file and fail later, less clearly
  }
  return { ms: performance.now() - started, from, phases, snapshotting: Boolean(unsaved) };
}

// The snapshot this boot made, until it is kept: once, after the first answer or when Python
// has been idle SNAPSHOT_IDLE_MS (snapshot.mjs says how it is trusted).
const SNAPSHOT_IDLE_MS = 5000;
let unsaved = null;
function keepSnapshot() {
  const keep = unsaved;
  unsaved = null;
  if (keep) keep();
}

self.onmessage = ({ data }) => {
  if (data.type === "import" && !port && !imported) {
    integrity = data.integrity || {};
    imported = importPyodide(data.indexURL);
    imported.catch(() => {});  // the boot tries again, and reports what fails
    return;
  }
  if (data.type !== "boot" || port) return;  // everything after "boot" comes through the port
  port = data.port;
  port.onmessage = answer;
  booted = boot(data);
  booted.then(
    ({ ms, from, phases, snapshotting }) => {
      pristine = watched();
      send({ type: "booted", ms, from, phases, snapshotting });
    },
    (err) => send({ type: "boot-error", message: String(err && err.message || err) }),
  );
};

async function answer({ data }) {
  try {
    await booted;
    let result;
    const started = performance.now();
    if (data.type === "grade") {
      grading = true;
      try {
        result = parseJSON(grader.grade_json(data.exercise, data.code, data.mode));
      } finally {
        grading = false;
      }
      if (tampered()) result.reset = true;  // the page starts a new worker after this reply
    } else if (data.type === "solution") {
      result = grader.solution_of(data.exercise);
    } else {
      throw new Error(`unknown request ${data.type}`);
    }
    send({ type: "result", id: data.id, result, ms: performance.now() - started });
    keepSnapshot();
  } catch (err) {
    send({ type: "failure", id: data.id, message: String(err && err.message || err),
           dead: !alive() });
  }
}
