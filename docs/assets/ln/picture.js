// Shows an SVG picture drawn by the model (lambdanet_edu.pictures) in the page. The SVG comes
// from Python running the learner's code, so it is treated as untrusted: it is parsed as XML,
// and only an allow-list of SVG elements and attributes is copied into fresh nodes. Text stays
// text; scripts, foreignObject, event handlers, outside links and url() never get through.

const SVG = "http://www.w3.org/2000/svg";
const ELEMENTS = new Set([
  "svg", "title", "desc", "style", "g", "rect", "path", "polyline", "polygon", "line",
  "circle", "ellipse", "text", "tspan", "defs", "marker", "use",
]);
const ATTRIBUTES = new Set([
  "class", "id", "role", "viewBox", "width", "height", "preserveAspectRatio", "transform",
  "aria-labelledby", "aria-describedby", "aria-label", "aria-hidden",
  "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy", "d", "points",
  "text-anchor", "dominant-baseline", "font-size", "font-weight", "font-family",
  "fill", "stroke", "stroke-width", "stroke-dasharray", "stroke-linecap", "stroke-linejoin",
  "opacity", "fill-opacity", "stroke-opacity", "marker-start", "marker-end",
  "markerWidth", "markerHeight", "refX", "refY", "orient", "href", "style",
]);
// CSS that could load something, run something or hide either behind an escape.
const UNSAFE_CSS = /url\s*\(|@import|expression\s*\(|\\|<|javascript:/i;

function allowedAttribute(attr) {
  const name = attr.localName;
  if (/^data-[a-z0-9-]+$/.test(attr.name)) return true;
  if (!ATTRIBUTES.has(name) || name.startsWith("on")) return false;
  if (name === "href") return /^#[\w-]+$/.test(attr.value);
  if (name === "style") return !UNSAFE_CSS.test(attr.value);
  return !/^\s*javascript:/i.test(attr.value);
}

function copy(source) {
  if (source.namespaceURI !== SVG || !ELEMENTS.has(source.localName)) return null;
  if (source.localName === "style" && UNSAFE_CSS.test(source.textContent)) return null;
  const node = document.createElementNS(SVG, source.localName);
  for (const attr of source.attributes) {
    if (allowedAttribute(attr)) node.setAttribute(attr.localName, attr.value);
  }
  for (const child of source.childNodes) {
    if (child.nodeType === Node.TEXT_NODE || child.nodeType === Node.CDATA_SECTION_NODE) {
      node.append(document.createTextNode(child.data));
    } else if (child.nodeType === Node.ELEMENT_NODE) {
      const kept = copy(child);
      if (kept) node.append(kept);
    }
  }
  return node;
}

/** Parse `svgText`, keep only safe SVG and put it in `container` (replacing what was there).
 *  Returns true when a picture is shown; false (and an empty container) when it is rejected. */
export function showPicture(container, svgText) {
  container.replaceChildren();
  for (const name of ["tabindex", "role", "aria-label"]) container.removeAttribute(name);
  if (typeof svgText !== "string" || !svgText) return false;
  const parsed = new DOMParser().parseFromString(svgText, "image/svg+xml");
  const root = parsed.documentElement;
  if (parsed.getElementsByTagName("parsererror").length || root.localName !== "svg") return false;
  const clean = copy(root);
  if (!clean) return false;
  container.append(clean);
  // On a phone the picture keeps its size and the container pans sideways (pictures.css):
  // keyboard users scroll it once it has focus, and a group with a name may take focus.
  const title = clean.querySelector("title")?.textContent.trim() || "Picture";
  container.setAttribute("tabindex", "0");
  container.setAttribute("role", "group");
  container.setAttribute("aria-label", `${title} (scrolls sideways)`);
  return true;
}
