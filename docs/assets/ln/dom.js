// The few DOM helpers every widget uses: build an element with its text (never HTML), a page's
// buttons, the quiz compiler's safe inline HTML, and mounting widgets on every page Material's
// instant navigation shows.

/** A new element with attributes and text content (learner-visible text is never parsed). */
export function el(tag, attrs = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

/** A Material button ("md-button", plus `extra` classes) that submits nothing. */
export function button(label, extra = "") {
  return el("button", { type: "button", class: `md-button ${extra}`.trim() }, label);
}

/** The quiz compiler's "safe inline HTML": anything but <code> and <strong> is kept as plain
 *  text, so the markup of a quiz file can never add a link, an image or a script. */
export function rich(tag, html, attrs = {}) {
  const node = el(tag, attrs);
  const template = document.createElement("template");
  template.innerHTML = html || "";
  const copy = (from, to) => {
    for (const child of from.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) to.append(child.textContent);
      else if (child.nodeName === "CODE" || child.nodeName === "STRONG") {
        copy(child, to.appendChild(document.createElement(child.nodeName.toLowerCase())));
      } else copy(child, to);
    }
  };
  copy(template.content, node);
  return node;
}

/** Runs `show` for this page and, under Material's instant navigation, for every page shown
 *  later (the module itself is loaded once per visit). Embed pages have no Material. `show`
 *  must be safe to run twice on one page (mountEach is). */
export function onEveryPage(show) {
  // A module runs once the page is parsed: widgets mount now, not after Material's own start-up
  // at DOMContentLoaded (75-140 ms of a cold exercise page, measured).
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", show);
  else show();
  // Material's document$ also emits this page, at DOMContentLoaded: mountEach skips it then.
  if (window.document$) window.document$.subscribe(show);
}

/** Mounts every `selector` element not mounted yet (marked data-ln-mounted), once each. A mount
 *  that throws or rejects leaves an alert in its element: `failed`, then the error. */
export function mountEach(selector, mount, failed, alertAttrs = {}) {
  for (const root of document.querySelectorAll(`${selector}:not([data-ln-mounted])`)) {
    root.dataset.lnMounted = "true";
    const fail = (err) => {
      root.append(el("p", { ...alertAttrs, role: "alert" }, `${failed}: ${err.message}`));
    };
    try {
      Promise.resolve(mount(root)).catch(fail);
    } catch (err) {
      fail(err);
    }
  }
}
