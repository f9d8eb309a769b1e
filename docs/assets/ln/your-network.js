// The "Your network" page: the learner drops the JSON files of their account (or one bundle);
// Python in this tab (the exercises' worker, python.js) reads and audits them, and this module
// shows the answer as text, tables and the model's picture. The files go to the worker and
// nowhere else: this module makes no request.

import { button, el } from "./dom.js";
import { showPicture } from "./picture.js";
import { python } from "./python.js";

/** The wheel the worker loads: the page's exercise widget carries it (and its digests). */
function pythonConfig() {
  const exercise = document.querySelector(".ln-exercise[data-ln-config]");
  if (!exercise) throw new Error("this page has no exercise to take the Python set-up from");
  const data = JSON.parse(exercise.dataset.lnConfig);
  Object.assign(python.integrity, data.integrity);
  return data.wheel;
}

function table(caption, headers, rows) {
  const node = el("table", { class: "ln-your-network__table" });
  node.append(el("caption", {}, caption));
  const head = el("tr");
  for (const h of headers) head.append(el("th", { scope: "col" }, h));
  node.appendChild(el("thead")).append(head);
  const body = node.appendChild(el("tbody"));
  for (const row of rows) {
    const tr = body.appendChild(el("tr"));
    for (const cell of row) tr.append(el("td", {}, String(cell ?? "")));
  }
  return node;
}

function showVpc(vpc) {
  const section = el("section", { class: "ln-your-network__vpc", "data-vpc": vpc.vpc_id });
  section.append(el("h3", {}, `${vpc.vpc_id} (${vpc.cidr})`));
  const figure = section.appendChild(el("figure", { class: "ln-figure" }));
  showPicture(figure, vpc.picture);
  section.append(table("Addresses per subnet", ["subnet", "CIDR", "usable", "Lambda", "other",
    "free", "free, as AWS counts", "exhausted"], vpc.subnets.map((s) => [
    s.subnet_id, s.cidr, s.usable, s.lambda, s.other, s.free, s.available_by_aws,
    s.exhausted ? "yes" : "no"])));
  section.append(el("p", {}, `Hyperplane ENIs: ${vpc.expected_enis} expected, ` +
    `quota ${vpc.eni_quota}, headroom ${vpc.headroom}.`));
  section.append(table("Hyperplane ENIs: the model against the account", ["subnet",
    "security groups", "expected", "in the account", "why they differ"], vpc.enis.map((e) => [
    e.subnet_id, e.security_group_ids.join(", "), e.expected, e.actual, e.reason])));
  section.append(table("Reach from every subnet of each function", ["function", "destination",
    "verdict", "blocked from", "where"], vpc.reach.map((r) => [
    r.function, r.destination, r.status, r.blocked_from.join(", "), r.blocking_hop])));
  const why = section.appendChild(el("details"));
  why.append(el("summary", {}, "Why, verdict by verdict"));
  const list = why.appendChild(el("ul"));
  for (const r of vpc.reach) list.append(el("li", {}, r.explanation));
  return section;
}

function showReply(results, status, reply) {
  results.replaceChildren();
  if (!reply.ok) {
    status.textContent = reply.error;
    return;
  }
  status.textContent = `Read ${reply.vpcs.length} VPC(s): ` + (reply.trouble
    ? "something is blocked, exhausted or over quota." : "nothing is blocked or exhausted.");
  for (const vpc of reply.vpcs) results.append(showVpc(vpc));
  if (reply.functions_outside_vpc.length) {
    results.append(el("p", {}, "Functions with no VPC configuration: " +
      reply.functions_outside_vpc.join(", ")));
  }
  if (reply.warnings.length) {
    results.append(el("h3", {}, "Not modelled"));
    const list = results.appendChild(el("ul", { class: "ln-your-network__warnings" }));
    for (const w of reply.warnings) list.append(el("li", {}, w));
  }
}

/** Mounts the file drop of the "Your network" page in `root`. */
export function mountYourNetwork(root) {
  const input = el("input", { type: "file", id: "ln-your-network-files", multiple: "",
                              accept: ".json,application/json" });
  const sample = button("Try the sample account");
  const download = button("Download the sample account");
  const status = el("p", { class: "ln-status-line", role: "status", "aria-live": "polite" });
  const results = el("div", { class: "ln-your-network__results" });
  const zone = el("div", { class: "ln-your-network__drop", tabindex: "-1" });
  zone.append(...root.childNodes);
  const pick = zone.appendChild(el("p"));
  pick.append(el("label", { for: input.id }, "Choose the files "), input);
  const actions = zone.appendChild(el("p"));
  actions.append(sample, " ", download);
  root.replaceChildren(zone, status, results);

  const ask = async (files, what) => {
    status.textContent = `Reading ${what} in this browser…`;
    try {
      const reply = await python.call(pythonConfig(), { type: "grade", exercise: "your-network",
                                                         code: files, mode: "audit" });
      showReply(results, status, reply);
    } catch (err) {
      status.textContent = `Python could not read them: ${err.message}`;
    }
  };
  const readFiles = async (list) => {
    const chosen = [...list].filter((f) => f.name.endsWith(".json"));
    if (!chosen.length) {
      status.textContent = "Drop .json files: the output of the commands above.";
      return;
    }
    const files = {};
    for (const f of chosen) files[f.name] = await f.text();
    await ask(JSON.stringify(files), `${chosen.length} file(s)`);
  };
  input.addEventListener("change", () => readFiles(input.files));
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.classList.add("ln-your-network__drop--over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("ln-your-network__drop--over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("ln-your-network__drop--over");
    readFiles(event.dataTransfer.files);
  });
  sample.addEventListener("click", () => ask("sample", "the sample account"));
  download.addEventListener("click", async () => {
    const reply = await python.call(pythonConfig(), { type: "grade", exercise: "your-network",
                                                       code: "sample-bundle", mode: "audit" });
    const blob = new Blob([reply.bundle], { type: "application/json" });
    const link = el("a", { href: URL.createObjectURL(blob), download: "sample-account.json" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    status.textContent = "Saved sample-account.json: drop it here to read it back.";
  });
}
