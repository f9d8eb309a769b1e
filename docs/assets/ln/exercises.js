// The site's exercise entry point (mkdocs.yml and the exercise embeds load it on every page): it
// mounts each exercise widget (exercise.js), fills the progress page's tables and mounts its
// progress-file controls (progress-table.js), and makes the embed boxes' Copy buttons work.
// Loaded once per visit, so the Python worker (python.js) survives instant navigation.

import { mountEach, onEveryPage } from "./dom.js";
import { listenForCopyButtons } from "./embed-code.js";
import { mountExercise } from "./exercise.js";
import { mountProgressFile, showProgress } from "./progress-table.js";
import { python } from "./python.js";
import { LOADED_EVENT } from "./store.js";
import "./offline.js";  // the course offline after one visit (registers the service worker)

// For the browser tests: how many times Python booted, and its controls.
window.lambdanetEdu = { python };

listenForCopyButtons();
window.addEventListener(LOADED_EVENT, showProgress);  // a progress file was loaded
onEveryPage(() => {
  mountEach(".ln-exercise", mountExercise, "This exercise could not start",
            { class: "ln-status-line" });
  showProgress();
  mountProgressFile();
  // Only the "your network" page has one: its script is fetched there, not on every page.
  mountEach(".ln-your-network",
            (box) => import("./your-network.js").then((m) => m.mountYourNetwork(box)),
            "The file drop could not start", { class: "ln-status-line" });
});
