// The progress page's "download / load a progress file" controls. Loaded by progress-table.js
// on the progress page only. What a file holds and how it merges is progress-file.js; reading
// and writing this browser's storage is store.js.

import { el } from "./dom.js";
import { describe, merge, parse, progressFile } from "./progress-file.js";
import { LOADED_EVENT, entries, writeEntries } from "./store.js";

export function mountProgressFile(root) {
  const site = new URL("../../", import.meta.url).href;
  const download = el("button", { type: "button", class: "md-button" }, "Download my progress");
  const input = el("input", { type: "file", id: "ln-progress-file-input", accept: ".json,application/json" });
  const replace = el("input", { type: "checkbox", id: "ln-progress-file-replace" });
  const status = el("p", { class: "ln-status-line", role: "status", "aria-live": "polite" });
  const row = (...children) => {
    const line = el("p");
    line.append(...children);
    return line;
  };
  root.replaceChildren(
    el("p", {}, "Save everything this browser keeps for this site (your code, exercise results " +
                "and quiz answers) to a file, then load it in another browser or on another machine."),
    row(download),
    row(el("label", { for: input.id }, "Load progress from a file"), " ", input),
    row(replace, " ", el("label", { for: replace.id },
      "Replace my code with the file’s code (otherwise the newer code of each exercise is kept)")),
    status,
  );

  download.addEventListener("click", () => {
    const file = progressFile(entries(), site);
    const blob = new Blob([JSON.stringify(file, null, 1)], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob),
                           download: `lambdanet-edu-progress-${file.exportedAt.slice(0, 10)}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    status.textContent = `Saved ${Object.keys(file.items).length} entries to ${link.download}.`;
  });

  input.addEventListener("change", async () => {
    const chosen = input.files && input.files[0];
    if (!chosen) return;
    const { file, error } = parse(await chosen.text());
    if (error) {
      status.textContent = `${chosen.name}: ${error}`;
    } else {
      try {
        const { writes, done } = merge(entries(), file, { replaceCode: replace.checked });
        writeEntries(writes);
        status.textContent = describe(done, file);
        window.dispatchEvent(new Event(LOADED_EVENT));  // the tables show it now
      } catch (err) {
        // writeEntries wrote all or nothing: what was there before is there still.
        status.textContent = "Nothing was loaded: this browser did not let the page save the " +
                             `progress (${err.message}). What it kept before is unchanged.`;
      }
    }
    input.value = "";  // choosing the same file again loads it again
  });
}
