// Reading and judging quiz answers, and choosing which variant of a question a learner sees.
// No page and no storage here: the build computed every answer key with the model
// (lambdanet_edu.course), so checking an answer is a comparison, and Node's tests run these
// functions as they are. The parsers return {error} for input that is not an answer at all.

export function parseNumber(text) {
  const clean = text.trim().replace(/(\d)[,_\s](?=\d{3}\b)/g, "$1");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(clean)) {
    return { error: "Type a number using digits, for example 42 or 0.5 (commas between " +
                    "thousands are fine). Your answer was not checked." };
  }
  return { value: Number(clean) };
}

// An IPv4 address, or a block in CIDR form when `form` is "cidr" (an address with a prefix is
// read too: the answer key's `accept` list says which of those are right).
export function parseAddress(text, form) {
  const match = text.trim().match(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/);
  const example = form === "cidr" ? "an address block such as 192.168.0.0/24"
                                  : "an IPv4 address such as 192.168.0.7";
  const error = { error: `Type ${example}. Your answer was not checked.` };
  if (!match) return error;
  const octets = match.slice(1, 5).map(Number);
  const prefix = match[5] === undefined ? null : Number(match[5]);
  if (octets.some((o) => o > 255) || (prefix !== null && prefix > 32)) return error;
  if (form === "cidr" && prefix === null) return error;
  if (form === "cidr") {
    const bits = octets.reduce((acc, o) => acc * 256 + o, 0);
    if (bits % 2 ** (32 - prefix) !== 0) {
      return { error: `${text.trim()} has bits set after the /${prefix}: a block starts at ` +
                      "its first address. Your answer was not checked." };
    }
  }
  return { value: octets.join(".") + (prefix === null ? "" : `/${prefix}`) };
}

export function normalAddress(value) {
  const parsed = parseAddress(String(value), String(value).includes("/") ? "cidr" : "ip");
  return parsed.error ? String(value) : parsed.value;
}

// -> {status: "right"|"wrong"|"invalid"|"empty", text?, html?, notes?, misconceptions?: [{name, html}],
//     mistake?: {name, html}} (mistake: the kind of slip a wrong number suggests, if the build knew it)
export function judge(variant, input, answer) {
  if (answer === null || answer === undefined || answer === "" ||
      (Array.isArray(answer) && !answer.length)) {
    return { status: "empty", title: "No answer yet",
             text: input === "multiple" ? "Tick one or more choices, then Check."
               : input === "single" ? "Pick a choice, then Check." : "Type your answer, then Check." };
  }
  if (input === "single" || input === "multiple") {
    const picked = new Set([].concat(answer));
    const wrongPicks = variant.choices.filter((c) => picked.has(c.id) && !c.correct);
    const missed = variant.choices.filter((c) => c.correct && !picked.has(c.id));
    if (!wrongPicks.length && !missed.length) {
      return { status: "right", html: variant.explanation,
               notes: input === "multiple" ? variant.choices.filter((c) => c.explanation) : [] };
    }
    return {
      status: "wrong",
      misconceptions: wrongPicks.map((c) => ({ name: c.misconception, html: c.explanation })),
      text: wrongPicks.length ? "" : "What you ticked is right, but a right choice is missing.",
    };
  }
  const key = variant.answer;
  if (input === "number") {
    const got = parseNumber(String(answer));
    if (got.error) return { status: "invalid", text: got.error };
    const near = (v) => Math.abs(Number(v) - got.value) <= (key.tolerance || 0) + 1e-9;
    if (near(key.value)) return { status: "right", html: variant.explanation };
    const known = variant.wrong.filter((w) => near(w.value));
    const verdict = wrongAnswer(known);
    // No known belief: the compiler may still have recognised the kind of slip (from the model).
    const slip = known.length ? null : (variant.mistakes || []).find((m) => m.values.some(near));
    if (slip) verdict.mistake = { name: slip.name, html: slip.explanation };
    return verdict;
  }
  const got = parseAddress(String(answer), key.form);
  if (got.error) return { status: "invalid", text: got.error };
  if ([key.value, ...(key.accept || [])].map(normalAddress).includes(got.value)) {
    return { status: "right", html: variant.explanation };
  }
  return wrongAnswer(variant.wrong.filter((w) => normalAddress(w.value) === got.value));
}

function wrongAnswer(known) {
  return { status: "wrong", misconceptions: known.map((w) => ({ name: w.misconception, html: w.explanation })),
           text: known.length ? "" : "That is not right. Your answer is kept: have another go." };
}

// ---------------------------------------------------------------------------------------------
// Offering the answer

/** Wrong tries after which a question offers its answer, when the latest matches no belief. */
export const OFFER_AFTER = 3;

// A learner stuck on a wrong answer no misconception explains gets the way out: after
// `after` tries, the answer and its explanation. `entry` is the question's saved state.
export function offersAnswer(entry, verdict, after = OFFER_AFTER) {
  return !!entry && !entry.correct && !entry.revealed && verdict.status === "wrong" &&
    !(verdict.misconceptions || []).length && (Number(entry.attempts) || 0) >= after;
}

// The answer as the build computed it, to show with the explanation: {html} (the compiler's
// safe inline HTML: the right choices, or the number with its unit, or the address).
export function answerOf(variant, input) {
  if (input === "single" || input === "multiple") {
    return { html: variant.choices.filter((c) => c.correct).map((c) => c.html).join("; "),
             explanation: variant.explanation };
  }
  const key = variant.answer;
  const unit = input === "number" && key.unit ? ` ${key.unit}` : "";
  const shown = typeof key.value === "number" ? key.value.toLocaleString("en-US") : String(key.value);
  return { html: `<code>${escapeHtml(shown)}</code>${escapeHtml(unit)}`, explanation: variant.explanation };
}

// The answer is shown: the question can still be answered, but it no longer counts as right
// first time, with these numbers or with others ("shownBefore" keeps that across variants).
export function reveal(entry) {
  return { ...entry, revealed: true, firstTry: false };
}

// The entry after a checked answer (right or wrong; other verdicts change nothing).
export function recordTry(entry, verdict, answer) {
  if (verdict.status !== "right" && verdict.status !== "wrong") return entry;
  const attempts = (Number(entry.attempts) || 0) + 1;
  const correct = verdict.status === "right";
  const unseen = !entry.revealed && !entry.shownBefore;
  return { ...entry, attempts, answer, correct,
           firstTry: !!entry.firstTry || (correct && attempts === 1 && unseen) };
}

// Other numbers for a question: a fresh entry that remembers a first-try success and a shown
// answer (revealed on this variant or an earlier one).
export function nextVariant(entry, variant) {
  return { variant, answer: null, correct: false, attempts: 0, firstTry: !!entry.firstTry,
           shownBefore: !!(entry.revealed || entry.shownBefore) };
}

// The score line's numbers: questions right, right on the first try, and answers shown.
export function tally(state) {
  const values = Object.values(state.questions || {});
  const seen = (q) => !!(q.revealed || q.shownBefore);
  return { right: values.filter((q) => q.correct).length,
           first: values.filter((q) => q.firstTry && !seen(q)).length,
           shown: values.filter(seen).length };
}

function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// ---------------------------------------------------------------------------------------------
// Variants

// A variant at random; with `avoid`, any variant but that one (the one just answered).
// `random` is Math.random's shape, for the tests.
export function pickVariant(question, avoid = -1, random = Math.random) {
  const count = question.variants.length;
  if (count === 1) return 0;
  if (avoid < 0) return Math.floor(random() * count);
  const index = Math.floor(random() * (count - 1));
  return index >= avoid ? index + 1 : index;
}

// A saved entry from an older version keeps each question whose id and variant still exist.
export function restore(quiz, saved, random = Math.random) {
  const questions = {};
  for (const q of quiz.questions) {
    const old = saved && saved.questions && saved.questions[q.id];
    const ok = old && Number.isInteger(old.variant) && old.variant >= 0 && old.variant < q.variants.length;
    questions[q.id] = ok ? { attempts: 0, answer: null, firstTry: false, ...old }
                         : { variant: pickVariant(q, -1, random), answer: null, correct: false, attempts: 0, firstTry: false };
  }
  return { version: quiz.version, questions };
}

