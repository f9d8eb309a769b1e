// The Python worker's client, shared by every exercise on every page of a visit: it owns the
// Worker (worker.mjs) and the interrupt buffer, and starts, calls, stops and restarts Python.
// Calls are a small protocol of numbered messages ({type, id, ...} in, {type: "result" |
// "failure", id} out) rather than an RPC library: a terminated worker must reject every call
// still waiting, which is the one thing such libraries leave to their users.
//
// Python starts only when a learner is about to use an exercise, once per visit: this module is
// loaded once and survives Material's instant navigation, so the worker it holds does too.
//
// A call fails with an Error whose message says why: "stopped" (Stop, or the time limit, by
// restarting the worker), "unanswered" (an interrupt that never landed: restarted), "crashed"
// (the learner's code ended Python: a new one starts on the next call), or what went wrong.

import { readSnapshotRecord, saveSnapshotRecord } from "./store.js";

const ASSETS = new URL("../", import.meta.url);   // site/assets/
const ROOT = new URL("../", ASSETS);              // the site root
const GRACE_MS = 2000;   // an interrupt that has not landed by then never will: restart instead

const newWorker = () => new Worker(new URL("ln/worker.mjs", ASSETS),
                                   { type: "module", name: "python" });

export const python = {
  worker: null,
  ready: null,
  pending: new Map(),
  nextId: 1,
  interrupt: null,
  bootMs: null,   // how long Python took to start; null until it has (the tests read it)
  boots: 0,       // how many times Python started in this visit (the tests read it)
  resets: 0,      // how many times learner code changed Python and it was replaced (tests)
  port: null,     // the only channel the worker's answers are taken from
  spare: null,    // a worker loaded ahead of use, not yet started (prepare)
  wheel: null,
  bootFrom: null, // "snapshot" or "boot": how Python last started (the tests read it)
  callMs: null,   // how long Python took to answer the last call (the benchmark reads it)
  bootPhases: null,  // ms into the boot at the end of each of its steps (the benchmark reads it)
  snapshotKept: false,  // a snapshot of this boot is kept for the next visit (the tests read it)
  recording: null,      // the page's record of that snapshot, being made
  settled: Promise.resolve(),  // resolves when this boot, and the snapshot it makes, are done
  settle: () => {},
  quietListeners: [],
  integrity: {},  // site path -> SRI digest of the files the worker fetches (from data-ln-config)

  /** Resolves once no Python is starting and no snapshot is being kept (offline.js waits for
   *  this before the service worker downloads the course). */
  quiet() {
    return this.settled;
  },

  /** Calls `listener` each time a boot in this visit has settled (Python ready, its snapshot
   *  kept or not made). */
  onQuiet(listener) {
    this.quietListeners.push(listener);
  },

  /** Loads the worker's own script (a few KB, no Python) ahead of use, when an exercise is
   *  about to be used: the first Run then starts Python at once instead of first waiting for a
   *  thread and its modules (about 0.15-0.25 s measured). With `pyodide` (a learner whose
   *  Python an earlier visit kept, so its files are in this browser's caches) the spare also
   *  loads Pyodide's JavaScript, which a start from the snapshot otherwise waits for first. */
  prepare({ pyodide = false } = {}) {
    if (this.worker) return;
    if (!this.spare) {
      const spare = newWorker();
      // A spare that failed to load is dropped; start() then makes another.
      spare.onerror = () => { if (this.spare === spare) this.spare = null; };
      this.spare = spare;
    }
    if (pyodide && !this.spare.warm) {
      this.spare.warm = true;
      this.spare.postMessage({ type: "import", indexURL: this.indexURL(),
                               integrity: this.digests() });
    }
  },

  indexURL() {
    return new URL("pyodide/", ASSETS).href;
  },

  /** The integrity digests, by absolute URL, of the files the worker fetches. */
  digests() {
    return Object.fromEntries(Object.entries(this.integrity)
      .map(([path, digest]) => [new URL(path, ROOT).href, digest]));
  },

  /** Starts Python with the model's wheel, once; resolves when it is ready. */
  start(wheel) {
    if (this.worker) return this.ready;
    this.boots += 1;
    this.wheel = wheel;
    const worker = this.spare || newWorker();
    this.spare = null;
    let settled = false;
    this.settled = new Promise((resolve) => {
      this.settle = () => {
        if (settled) return;
        settled = true;
        resolve();
        if (this.worker === worker && this.bootMs !== null) {
          for (const listener of this.quietListeners) listener();
        }
      };
    });
    // Answers come over this channel only. Learner code runs in the worker and can post to the
    // page through the worker's own postMessage (Pyodide's js.postMessage): that is ignored, so
    // a forged "result" is never recorded as a pass.
    const channel = new MessageChannel();
    const port = channel.port1;
    this.port = port;
    worker.onmessage = () => {};
    // With cross-origin isolation, Stop interrupts Python in place; without it, the worker restarts.
    this.interrupt = self.crossOriginIsolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      this.abortBoot = reject;
      port.onmessage = ({ data }) => {
        if (this.port !== port) return;  // a worker already replaced
        if (data.type === "booted") {
          this.bootMs = data.ms;
          this.bootFrom = data.from;
          this.bootPhases = data.phases;
          if (!data.snapshotting) this.settle();
          resolve();
        } else if (data.type === "snapshot-made") {
          // The page, not the worker, says which snapshot a later visit may trust (snapshot.mjs).
          // snapshot.mjs is fetched only now: no page needs it before Python has started.
          this.recording = import("./snapshot.mjs")
            .then(({ isRecord, recordOf }) => recordOf(data.key, data.version, data.raw)
              .then((record) => { if (isRecord(record)) saveSnapshotRecord(record); }))
            .catch(() => {});  // no record: the next visit boots normally
        } else if (data.type === "snapshot-kept") {
          (this.recording || Promise.resolve()).then(() => {
            this.snapshotKept = true;
            this.settle();
          });
        } else if (data.type === "snapshot-lost") {
          this.settle();
        } else if (data.type === "boot-error") {
          reject(new Error(data.message));
        } else if (data.dead) {
          this.discard(new Error("crashed"));  // Python exited or failed: this worker is done
        } else {
          const waiter = this.pending.get(data.id);
          this.pending.delete(data.id);
          if (!waiter) return;
          if (data.type === "result") {
            this.callMs = data.ms;
            waiter.resolve(data.result);
          } else {
            waiter.reject(new Error(data.message));
          }
          // Learner code changed Python (or the worker's JavaScript): the reply says so; the
          // next run gets a new Python, started now.
          if (data.type === "result" && data.result && data.result.reset === true) this.restart();
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
      port: channel.port2,
      indexURL: this.indexURL(),
      wheelURL: new URL(wheel, ROOT).href,
      interrupt: this.interrupt ? this.interrupt.buffer : null,
      snapshot: readSnapshotRecord(),
      integrity: this.digests(),
    }, [channel.port2]);
    return this.ready;
  },

  /** Sends one request ({type: "grade", exercise, code, mode} or {type: "solution", exercise})
   *  once Python is ready. -> the worker's answer. */
  async call(wheel, message) {
    await this.start(wheel);
    if (this.interrupt) Atomics.store(this.interrupt, 0, 0);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.port.postMessage({ ...message, id });
    });
  },

  /** Stops what Python is doing. -> "interrupted" (Python raises KeyboardInterrupt) or
   *  "restarted" (worker replaced; also while Python is still starting, when there is nothing
   *  to interrupt yet). */
  stop() {
    if (this.interrupt && this.bootMs !== null) {
      Atomics.store(this.interrupt, 0, 2);  // SIGINT: the grader reports "Stopped"
      return "interrupted";
    }
    this.discard(new Error("stopped"));
    return "restarted";
  },

  /** Replaces Python after learner code changed it: a new worker starts at once. */
  restart() {
    this.resets += 1;
    this.discard(new Error("reset"));
    if (this.wheel) this.start(this.wheel).catch(() => {});
  },

  /** Ends this worker: every waiting call fails with `reason`; the next call starts Python. */
  discard(reason) {
    this.settle();
    if (this.worker) this.worker.terminate();
    if (this.port) this.port.close();
    this.port = null;
    if (this.bootMs === null && this.abortBoot) this.abortBoot(reason || new Error("stopped"));
    this.worker = null;
    this.ready = null;
    this.bootMs = null;
    for (const waiter of this.pending.values()) waiter.reject(reason || new Error("stopped"));
    this.pending.clear();
  },

  /** One run of learner code under a time limit of `seconds`, counted from when Python is ready.
   *  -> a job: {result, phase, stoppedBy, stop(why)}. `result` is the call's promise; `phase` is
   *  "starting", then "running"; stop(why) ends it the way the time limit does, and `stoppedBy`
   *  says who did ("button", "limit", or null). Callbacks: onRunning() once Python is ready,
   *  onTick(secondsLeft) every second (0 when the limit is reached), onStopping(how) with what
   *  stop() did ("interrupted" or "restarted"). */
  run(wheel, message, { seconds, onRunning = () => {}, onTick = () => {}, onStopping = () => {} }) {
    let clock = null;
    let grace = null;
    let over = false;
    const job = {
      phase: "starting",
      stoppedBy: null,
      // An interrupt lands only while Python runs bytecode; stuck in C (a huge allocation) or
      // not running at all, it never does: restart after a grace.
      stop: (why) => {
        if (job.stoppedBy || over) return;
        job.stoppedBy = why;
        clearInterval(clock);
        const how = this.stop();
        if (how === "interrupted") grace = setTimeout(() => this.discard(new Error("unanswered")), GRACE_MS);
        onStopping(how);
      },
    };
    job.result = (async () => {
      try {
        await this.start(wheel);
        job.phase = "running";
        onRunning();
        const deadline = performance.now() + seconds * 1000;
        clock = setInterval(() => {
          const left = Math.ceil((deadline - performance.now()) / 1000);
          onTick(Math.max(left, 0));
          if (left <= 0) job.stop("limit");
        }, 1000);
        return await this.call(wheel, message);
      } finally {
        over = true;
        clearInterval(clock);
        clearTimeout(grace);
      }
    })();
    return job;
  },
};
