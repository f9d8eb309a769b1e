// The site's exercise entry point (mkdocs.yml and the exercise embeds load it on every page): it
// mounts each exercise widget (exercise.js), fills the progress page's tables and mounts its
// progress-file controls (progress-table.js), and makes the embed boxes' Copy buttons work
// (embed-code.js); those two are fetched only where a page has their elements.
// Loaded once per visit, so the Python worker (python.js) survives instant navigation.

import { mountEach, onEveryPage } from "./dom.js";
import { mountExercise } from "./exercise.js";
import { python } from "./python.js";
import { LOADED_EVENT } from "./store.js";
import "./offline.js";  // the course offline after one visit (registers the service worker)

// For the browser tests: how many times Python booted, and its controls.
window.lambdanetEdu = { python };

// Fetched only on the pages that have what they serve, once per visit.
const once = (load) => {
  let loaded = null;
  return () => (loaded ||= load());
};
const progressTable = once(() => import("./progress-table.js"));
const copyButtons = once(() => import("./embed-code.js").then((m) => m.listenForCopyButtons()));
const PROGRESS = "[data-ln-status], [data-ln-quiz-score], [data-ln-progress-file]";

window.addEventListener(LOADED_EVENT,  // a progress file was loaded
                        () => progressTable().then((m) => m.showProgress()));
onEveryPage(() => {
  mountEach(".ln-exercise", mountExercise, "This exercise could not start",
            { class: "ln-status-line" });
  if (document.querySelector("button[data-ln-copy]")) copyButtons();
  if (document.querySelector(PROGRESS)) {
    progressTable().then((m) => {
      m.showProgress();
      m.mountProgressFile();
    });
  }
  // Only the "your network" page has one: its script is fetched there, not on every page.
  mountEach(".ln-your-network",
            (box) => import("./your-network.js").then((m) => m.mountYourNetwork(box)),
            "The file drop could not start", { class: "ln-status-line" });
});
