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
const send = (message) => postToPort.call(port, message);
// What learner code could replace in this worker's JavaScript world to reach the page or the
// next run: any change makes the reply ask the page for a new worker.
const watched = () => [JSON.parse, JSON.stringify, MessagePort.prototype.postMessage,
                       self.postMessage, self.fetch, self.onmessage, Promise.prototype.then];
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
let integrity = {};
let refused = null;
const plainFetch = self.fetch.bind(self);
self.fetch = async (input, init = {}) => {
  const url = new URL(input instanceof Request ? input.url : input, self.location.href).href;
  const expected = integrity[url];
  if (!expected) return plainFetch(input, init);
  if (url.endsWith(".wasm") && self.crypto && crypto.subtle) return checkedStream(url, input, init, expected);
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
    // Say so now: some of Pyodide's loaders never settle once a file is refused.
    send({ type: "boot-error", message: refused.message });
  }
  return refused;
}

// fetch's integrity option holds the whole body back until it is checked, which would stop the
// browser compiling WebAssembly while it downloads (about 0.6 s measured). So the wasm is passed
// through as it arrives and checked at its end (crypto.subtle: localhost and https only; other
// pages use the integrity option above): the stream fails instead of ending if the digest is
// wrong, so the module is never instantiated.
async function checkedStream(url, input, init, expected) {
  const response = await plainFetch(input, init);
  if (!response.ok || !response.body) return response;
  const reader = response.body.getReader();
  const chunks = [];
  const body = new ReadableStream({
    async pull(controller) {
      const { done, value } = await reader.read();
      if (!done) {
        chunks.push(value);
        controller.enqueue(value);
        return;
      }
      const digest = await crypto.subtle.digest("SHA-384", await new Blob(chunks).arrayBuffer());
      const actual = "sha384-" + btoa(Array.from(new Uint8Array(digest), (b) => String.fromCharCode(b)).join(""));
      if (actual === expected) controller.close();
      else controller.error(refuse(url));
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText,
                              headers: response.headers });
}

// Module imports cannot carry a digest in a worker (import maps do not reach workers), so each
// module is fetched through the check first; the import then reads the same URL, normally from
// the HTTP cache.
async function checkedImport(url) {
  if (integrity[url]) await (await self.fetch(url)).arrayBuffer();
  return import(url);
}

// The guarded entry functions themselves, not the module: learner code may rebind its names.
function entries(python) {
  const course = python.pyimport(GRADER);
  return { grade_json: course.grade_json, solution_of: course.solution_of };
}

// Python starts from the snapshot kept by an earlier visit when there is a good one
// (snapshot.mjs), else boots: Pyodide, the wheel installed from its bytes, the grader imported,
// and a new snapshot taken before any learner code runs. -> where it started from.
async function boot({ indexURL, wheelURL, interrupt, integrity: digests }) {
  const started = performance.now();
  integrity = digests || {};
  let from = "boot";
  let snapshot = null;  // the new snapshot to keep, and its key
  try {
    const asm = new URL("pyodide.asm.mjs", indexURL).href;  // pyodide.mjs imports it
    if (integrity[asm]) await (await self.fetch(asm)).arrayBuffer();
    const { loadPyodide, version } = await checkedImport(new URL("pyodide.mjs", indexURL).href);
    const quiet = { indexURL, stdout: () => {}, stderr: () => {} };
    // Only a site whose files carry digests can tell its snapshot from another build's.
    const keep = canSnapshot() && Object.keys(integrity).length > 0;
    const key = keep ? await snapshotKey({ ...integrity, wheelURL, GRADER }) : null;
    const kept = keep ? await readSnapshot(key, version).catch(() => null) : null;
    // The wheel's files: a snapshot holds Python's memory (the imported modules), not the
    // file system, so they are written again after a restore (for modules imported later and
    // for tracebacks).
    const install = async () => {
      const wheel = new Uint8Array(await (await self.fetch(wheelURL)).arrayBuffer());
      pyodide.FS.writeFile("/tmp/model.whl", wheel);
      pyodide.runPython(INSTALL_WHEEL.replaceAll("WHEEL_PATH", JSON.stringify("/tmp/model.whl")));
    };
    if (kept) {
      restoring = true;
      try {
        pyodide = await loadPyodide({ ...quiet, _loadSnapshot: kept });
        await install();
        grader = entries(pyodide);
        from = "snapshot";
      } catch {
        pyodide = grader = null;
        await forgetSnapshot().catch(() => {});
      } finally {
        restoring = false;
      }
    }
    if (!grader && keep) {
      pyodide = await loadPyodide({ ...quiet, _makeSnapshot: true });
      await install();
      grader = entries(pyodide);
      snapshot = { key, version, raw: pyodide.makeMemorySnapshot() };
    } else if (!grader) {
      pyodide = await loadPyodide(quiet);
      await pyodide.loadPackage(wheelURL, { messageCallback: () => {}, errorCallback: () => {} });
      grader = entries(pyodide);
    }
    if (interrupt) pyodide.setInterruptBuffer(new Int32Array(interrupt));
  } catch (err) {
    throw refused || err;  // Pyodide may catch a refused file and fail later, less clearly
  }
  if (snapshot) {
    // Kept in the background: the learner's first result does not wait for the compression.
    writeSnapshot(snapshot.key, snapshot.version, snapshot.raw).then(
      () => send({ type: "snapshot-kept" }), () => {});
  }
  return { ms: performance.now() - started, from };
}

self.onmessage = ({ data }) => {
  if (data.type !== "boot" || port) return;  // everything after "boot" comes through the port
  port = data.port;
  port.onmessage = answer;
  booted = boot(data);
  booted.then(
    ({ ms, from }) => {
      pristine = watched();
      send({ type: "booted", ms, from });
    },
    (err) => send({ type: "boot-error", message: String(err && err.message || err) }),
  );
};

async function answer({ data }) {
  try {
    await booted;
    let result;
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
    send({ type: "result", id: data.id, result });
  } catch (err) {
    send({ type: "failure", id: data.id, message: String(err && err.message || err),
           dead: !alive() });
  }
}
