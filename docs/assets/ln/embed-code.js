// The "Copy" buttons of the "Embed this quiz / exercise" boxes: each copies its text area's
// embed code, or says how to copy it by hand where the clipboard is refused.

async function copy(button) {
  const area = document.getElementById(button.dataset.lnCopy);
  const status = button.parentElement.querySelector("[data-ln-copied]");
  let done = false;
  try {
    await navigator.clipboard.writeText(area.value);
    done = true;
  } catch {
    area.select();
    try { done = document.execCommand("copy"); } catch { done = false; }
  }
  status.textContent = done ? "Copied" : "Select the text and copy it with Ctrl+C (Cmd+C).";
}

/** Listens once, on the document: the buttons of every page instant navigation shows. */
export function listenForCopyButtons() {
  document.addEventListener("click", (event) => {
    const found = event.target.closest && event.target.closest("button[data-ln-copy]");
    if (found) copy(found);
  });
}
