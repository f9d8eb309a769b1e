// Reading and judging quiz answers (docs/assets/ln/quiz-answers.js), as the quiz widget does.
// Variants have the compiler's shape (lambdanet_edu.quizzes.compile); tests/data/quiz_fixture.json
// is a compiled quiz shared with the Python tests.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";

import { answerOf, judge, nextVariant, normalAddress, OFFER_AFTER, offersAnswer, parseAddress,
         parseNumber, pickVariant, recordTry, restore, reveal, tally }
  from "../../docs/assets/ln/quiz-answers.js";

const FIXTURE = JSON.parse(readFileSync(new URL("../data/quiz_fixture.json", import.meta.url), "utf8"));

const numberVariant = (value, tolerance = 0, wrong = []) => ({
  answer: { value, tolerance, unit: "environments" },
  wrong: wrong.map(([v, name]) => ({ value: v, misconception: name, explanation: `<code>${name}</code>` })),
  explanation: "Because.",
});

const addressVariant = (value, form, accept, wrong = []) => ({
  answer: { value, form, accept },
  wrong: wrong.map(([v, name]) => ({ value: v, misconception: name, explanation: name })),
  explanation: "Because.",
});

describe("parseNumber", () => {
  for (const [text, value] of [
    ["42", 42], [" 42 ", 42], ["-7", -7], ["+3", 3], ["0.5", 0.5], [".5", 0.5], ["5.", 5],
    ["1,000", 1000], ["1 000", 1000], ["1_000", 1000], ["12,345,678", 12345678],
    ["1e3", 1000], ["2.5E-2", 0.025], ["0", 0],
  ]) {
    test(`reads ${JSON.stringify(text)} as ${value}`, () => {
      assert.deepEqual(parseNumber(text), { value });
    });
  }
  for (const text of ["", "abc", "4 2", "1,00", "12,3456", "1.2.3", "0x10", "Infinity", "NaN",
                      "42 environments", "1e", "--1", "½"]) {
    test(`refuses ${JSON.stringify(text)} without checking it`, () => {
      const got = parseNumber(text);
      assert.equal(got.value, undefined);
      assert.match(got.error, /^Type a number using digits, .* Your answer was not checked\.$/);
    });
  }
});

describe("parseAddress", () => {
  for (const [text, form, value] of [
    ["10.0.8.1", "ip", "10.0.8.1"],
    [" 10.0.8.1 ", "ip", "10.0.8.1"],
    ["010.000.008.001", "ip", "10.0.8.1"],            // leading zeros are read as decimal
    ["10.0.8.1/32", "ip", "10.0.8.1/32"],             // an address with a prefix: `accept` decides
    ["255.255.255.255", "ip", "255.255.255.255"],
    ["10.0.0.0/16", "cidr", "10.0.0.0/16"],
    ["0.0.0.0/0", "cidr", "0.0.0.0/0"],
    ["10.0.8.128/25", "cidr", "10.0.8.128/25"],
    ["10.0.8.7/32", "cidr", "10.0.8.7/32"],
    ["10.0.0.0/7", "cidr", "10.0.0.0/7"],                 // 10 is even: a /7 may start there
  ]) {
    test(`reads ${JSON.stringify(text)} (${form}) as ${value}`, () => {
      assert.deepEqual(parseAddress(text, form), { value });
    });
  }
  for (const [text, form] of [
    ["", "ip"], ["10.0.8", "ip"], ["10.0.8.256", "ip"], ["10.0.8.1/33", "ip"], ["10.0.8.1/", "ip"],
    ["a.b.c.d", "ip"], ["10.0.8.1.5", "ip"], ["1000.0.0.1", "ip"], ["-1.0.0.1", "ip"],
    ["10.0.0.0", "cidr"], ["10.0.0.0/33", "cidr"], ["300.0.0.0/8", "cidr"],
  ]) {
    test(`refuses ${JSON.stringify(text)} (${form})`, () => {
      const got = parseAddress(text, form);
      assert.equal(got.value, undefined);
      const example = form === "cidr" ? "an address block such as 192.168.0.0/24"
                                      : "an IPv4 address such as 192.168.0.7";
      assert.equal(got.error, `Type ${example}. Your answer was not checked.`);
    });
  }
  for (const [text, prefix] of [["10.0.8.1/24", 24], ["11.0.0.0/7", 7], ["10.0.8.129/25", 25]]) {
    test(`refuses the block ${text}, whose host bits are set`, () => {
      assert.deepEqual(parseAddress(text, "cidr"), {
        error: `${text} has bits set after the /${prefix}: a block starts at its first address. ` +
               "Your answer was not checked." });
    });
  }
  test("normalAddress writes an address or block the way the parser does, and leaves other text", () => {
    assert.equal(normalAddress("010.0.8.1"), "10.0.8.1");
    assert.equal(normalAddress("10.000.0.0/16"), "10.0.0.0/16");
    assert.equal(normalAddress("not an address"), "not an address");
  });
});

describe("judge: numbers", () => {
  const exact = numberVariant(340, 0, [[0, "Thought executions share connections"], [400, "Forgot the limit"]]);
  for (const [answer, status] of [
    ["340", "right"], [" 340 ", "right"], ["340.0", "right"], ["3.4e2", "right"],
    ["341", "wrong"], ["339.5", "wrong"], ["340.002", "wrong"], ["-340", "wrong"], ["0", "wrong"],
  ]) {
    test(`tolerance 0: ${JSON.stringify(answer)} is ${status}`, () => {
      assert.equal(judge(exact, "number", answer).status, status);
    });
  }
  const near = numberVariant(2.5, 0.1);
  for (const [answer, status] of [
    ["2.5", "right"], ["2.4", "right"], ["2.6", "right"], ["2.40", "right"],   // the edges count
    ["2.39", "wrong"], ["2.61", "wrong"],
  ]) {
    test(`tolerance 0.1 around 2.5: ${answer} is ${status}`, () => {
      assert.equal(judge(near, "number", answer).status, status);
    });
  }
  test("a right answer shows the explanation", () => {
    assert.deepEqual(judge(exact, "number", "340"), { status: "right", html: "Because." });
  });
  test("a known wrong answer names its misconception", () => {
    assert.deepEqual(judge(exact, "number", "0"), {
      status: "wrong", text: "",
      misconceptions: [{ name: "Thought executions share connections",
                         html: "<code>Thought executions share connections</code>" }] });
  });
  test("a known wrong answer is matched with the question's tolerance", () => {
    const variant = numberVariant(10, 0.5, [[20, "Doubled it"]]);
    assert.deepEqual(judge(variant, "number", "20.4").misconceptions.map((m) => m.name), ["Doubled it"]);
  });
  test("an unknown wrong answer says so and keeps the answer", () => {
    assert.deepEqual(judge(exact, "number", "7"), {
      status: "wrong", misconceptions: [],
      text: "That is not right. Your answer is kept: have another go." });
  });
  test("text that is not a number is invalid, not wrong", () => {
    assert.equal(judge(exact, "number", "three hundred").status, "invalid");
  });
  for (const answer of ["", null, undefined]) {
    test(`${JSON.stringify(answer)} is no answer yet`, () => {
      assert.deepEqual(judge(exact, "number", answer), {
        status: "empty", title: "No answer yet", text: "Type your answer, then Check." });
    });
  }
});

describe("judge: addresses and blocks", () => {
  const router = addressVariant("10.0.8.1", "ip", ["10.0.8.1", "10.0.8.1/32"],
                                [["10.0.8.0", "Picked the network address"], ["10.0.8.255", "Picked the broadcast address"]]);
  for (const [answer, status] of [
    ["10.0.8.1", "right"], ["10.0.8.1/32", "right"], ["010.000.008.001", "right"],
    ["10.0.8.2", "wrong"], ["10.0.8.0", "wrong"], ["10.0.8.1/31", "wrong"],
    ["10.0.8", "invalid"], ["10.0.8.300", "invalid"],
  ]) {
    test(`IP 10.0.8.1: ${answer} is ${status}`, () => {
      assert.equal(judge(router, "address", answer).status, status);
    });
  }
  test("the broadcast address names its misconception", () => {
    assert.deepEqual(judge(router, "address", "10.0.8.255").misconceptions.map((m) => m.name),
                     ["Picked the broadcast address"]);
  });
  const block = addressVariant("10.0.16.0/20", "cidr", ["10.0.16.0/20"], [["10.0.16.0/24", "Took one /24"]]);
  for (const [answer, status] of [
    ["10.0.16.0/20", "right"], [" 10.0.16.0/20", "right"],
    ["10.0.16.0/24", "wrong"], ["10.0.0.0/20", "wrong"], ["10.0.0.0/16", "wrong"],
    ["10.0.16.0", "invalid"], ["10.0.17.0/20", "invalid"], ["10.0.16.0/40", "invalid"],
  ]) {
    test(`block 10.0.16.0/20: ${answer} is ${status}`, () => {
      assert.equal(judge(block, "address", answer).status, status);
    });
  }
  test("a block with host bits set says which bits, and is not counted", () => {
    assert.match(judge(block, "address", "10.0.17.0/20").text, /^10\.0\.17\.0\/20 has bits set after the \/20/);
  });
});

describe("judge: choices", () => {
  const single = FIXTURE.questions.find((q) => q.input === "single").variants[0];
  const multiple = FIXTURE.questions.find((q) => q.input === "multiple").variants[0];
  test("single: the right choice is right, with the explanation", () => {
    assert.deepEqual(judge(single, "single", "a"), { status: "right", html: "Because it is right.", notes: [] });
  });
  test("single: a wrong choice names its misconception", () => {
    assert.deepEqual(judge(single, "single", "b"), {
      status: "wrong", text: "",
      misconceptions: [{ name: "Picked the wrong one", html: "It was <code>b</code>." }] });
  });
  test("single: nothing picked is no answer yet", () => {
    assert.equal(judge(single, "single", null).text, "Pick a choice, then Check.");
  });
  for (const [picked, status, names] of [
    [["a", "c"], "right", []],
    [["c", "a"], "right", []],                         // order does not matter
    [["a"], "wrong", []],                              // a right choice missing
    [["a", "b", "c"], "wrong", ["Counted an odd one"]],
    [["b"], "wrong", ["Counted an odd one"]],
    [["a", "c", "zz"], "right", []],                   // an id no choice has changes nothing
  ]) {
    test(`multiple: ${picked.join("+")} is ${status}`, () => {
      const verdict = judge(multiple, "multiple", picked);
      assert.equal(verdict.status, status);
      assert.deepEqual((verdict.misconceptions || []).map((m) => m.name), names);
    });
  }
  test("multiple: all the right ones but one says a right choice is missing", () => {
    assert.equal(judge(multiple, "multiple", ["a"]).text, "What you ticked is right, but a right choice is missing.");
  });
  test("multiple: a right answer notes every choice that has an explanation", () => {
    assert.deepEqual(judge(multiple, "multiple", ["a", "c"]).notes.map((c) => c.id), ["a", "b", "c"]);
  });
  test("multiple: nothing ticked is no answer yet", () => {
    assert.deepEqual(judge(multiple, "multiple", []), {
      status: "empty", title: "No answer yet", text: "Tick one or more choices, then Check." });
  });
});

describe("the fixture's every variant", () => {
  for (const question of FIXTURE.questions) {
    question.variants.forEach((variant, i) => {
      test(`${question.id} #${i}: the key is right and each known wrong answer names its misconception`, () => {
        const right = question.input === "single" ? variant.choices.find((c) => c.correct).id
          : question.input === "multiple" ? variant.choices.filter((c) => c.correct).map((c) => c.id)
          : String(variant.answer.value);
        assert.equal(judge(variant, question.input, right).status, "right");
        for (const wrong of variant.wrong) {
          const verdict = judge(variant, question.input, String(wrong.value));
          assert.equal(verdict.status, "wrong");
          assert.ok(verdict.misconceptions.some((m) => m.name === wrong.misconception), wrong.misconception);
        }
      });
    });
  }
});

describe("variants", () => {
  const question = { variants: [{}, {}, {}, {}] };
  const sequence = (...values) => () => values.shift();
  test("one variant is always that one", () => {
    assert.equal(pickVariant({ variants: [{}] }, -1, () => 0.99), 0);
    assert.equal(pickVariant({ variants: [{}] }, 0, () => 0.99), 0);
  });
  for (const [r, expected] of [[0, 0], [0.249, 0], [0.25, 1], [0.99, 3]]) {
    test(`a first pick spreads over every variant: random ${r} gives ${expected}`, () => {
      assert.equal(pickVariant(question, -1, () => r), expected);
    });
  }
  for (const avoid of [0, 1, 2, 3]) {
    test(`"Try other numbers" never gives variant ${avoid} back, and can give every other`, () => {
      const got = new Set([0, 0.34, 0.67, 0.99].map((r) => pickVariant(question, avoid, () => r)));
      assert.deepEqual([...got].sort(), [0, 1, 2, 3].filter((i) => i !== avoid));
    });
  }
  const quiz = { version: "v2", questions: [{ id: "q1", variants: [{}, {}] }, { id: "q2", variants: [{}] }] };
  test("a first visit picks a variant for each question, unanswered", () => {
    assert.deepEqual(restore(quiz, undefined, sequence(0.9)), { version: "v2", questions: {
      q1: { variant: 1, answer: null, correct: false, attempts: 0, firstTry: false },
      q2: { variant: 0, answer: null, correct: false, attempts: 0, firstTry: false } } });
  });
  test("a saved entry keeps its questions whose variant still exists, and the new version", () => {
    const saved = { version: "v1", questions: {
      q1: { variant: 1, answer: "a", correct: true, attempts: 2, firstTry: false },
      q2: { variant: 3, answer: "b", correct: true, attempts: 1, firstTry: true },   // gone
      q9: { variant: 0, answer: "c", correct: true, attempts: 1, firstTry: true } } }; // removed
    assert.deepEqual(restore(quiz, saved, sequence(0)), { version: "v2", questions: {
      q1: { variant: 1, answer: "a", correct: true, attempts: 2, firstTry: false },
      q2: { variant: 0, answer: null, correct: false, attempts: 0, firstTry: false } } });
  });
  for (const variant of [-1, 1.5, "0", null]) {
    test(`a saved variant of ${JSON.stringify(variant)} is picked again`, () => {
      const saved = { version: "v2", questions: { q2: { variant, answer: "x", correct: true, attempts: 1 } } };
      assert.equal(restore(quiz, saved, sequence(0, 0)).questions.q2.answer, null);
    });
  }
});

describe("mistake kinds the build computed", () => {
  const variant = {
    ...numberVariant(20, 0, [[0, "Thought concurrency jumps to demand at once"]]),
    mistakes: [{ values: [10, 30], name: "One scaling period out", explanation: "Count the <code>steps</code>." },
               { values: [19, 21], name: "Off by one", explanation: "One away." }],
  };
  for (const [answer, name] of [["30", "One scaling period out"], ["10", "One scaling period out"],
                                ["21", "Off by one"]]) {
    test(`${answer} is wrong, and reads as "${name}"`, () => {
      const verdict = judge(variant, "number", answer);
      assert.equal(verdict.status, "wrong");
      assert.deepEqual(verdict.misconceptions, []);
      assert.equal(verdict.mistake.name, name);
    });
  }
  test("a known misconception wins over a mistake kind, and other numbers get neither", () => {
    assert.equal(judge(variant, "number", "0").mistake, undefined);
    assert.equal(judge(variant, "number", "0").misconceptions[0].name,
                 "Thought concurrency jumps to demand at once");
    const other = judge(variant, "number", "55");
    assert.equal(other.mistake, undefined);
    assert.match(other.text, /That is not right/);
  });
  test("a variant compiled without mistakes still judges", () => {
    assert.equal(judge(numberVariant(20), "number", "30").mistake, undefined);
  });
});

describe("offering the answer after a few wrong tries", () => {
  const variant = numberVariant(251, 0, [[256, "Forgot the five reserved addresses"]]);
  const wrong = (entry, answer) => {
    const verdict = judge(variant, "number", answer);
    return [recordTry(entry, verdict, answer), verdict];
  };
  test(`not before ${OFFER_AFTER} tries, then yes while the answer matches no misconception`, () => {
    let entry = { variant: 0, answer: null, correct: false, attempts: 0, firstTry: false };
    let verdict;
    for (let i = 1; i < OFFER_AFTER; i += 1) {
      [entry, verdict] = wrong(entry, "7");
      assert.equal(offersAnswer(entry, verdict), false, `after ${i} tries`);
    }
    [entry, verdict] = wrong(entry, "7");
    assert.equal(entry.attempts, OFFER_AFTER);
    assert.equal(offersAnswer(entry, verdict), true);
    const [known, misconception] = wrong(entry, "256");
    assert.equal(offersAnswer(known, misconception), false, "a named misconception explains itself");
  });
  test("revealing shows the answer and its explanation, and never counts as right first time", () => {
    let entry = reveal({ variant: 0, answer: "7", correct: false, attempts: 3, firstTry: false });
    assert.deepEqual(answerOf(variant, "number"),
                     { html: "<code>251</code> environments", explanation: "Because." });
    assert.equal(offersAnswer(entry, judge(variant, "number", "7")), false, "offered once");
    entry = recordTry(entry, judge(variant, "number", "251"), "251");
    assert.equal(entry.correct, true);
    assert.equal(entry.firstTry, false);
    // Other numbers, answered right at once: still not right first time.
    let next = nextVariant(entry, 1);
    assert.equal(next.shownBefore, true);
    next = recordTry(next, judge(variant, "number", "251"), "251");
    assert.equal(next.firstTry, false);
    const state = { questions: { a: next, b: recordTry({ attempts: 0 }, { status: "right" }, "x") } };
    assert.deepEqual(tally(state), { right: 2, first: 1, shown: 1 });
  });
  test("a choice question's answer is its right choices", () => {
    const choices = { choices: [{ id: "a", html: "<code>A</code>", correct: true },
                                { id: "b", html: "B", correct: false },
                                { id: "c", html: "C", correct: true }], explanation: "Why." };
    assert.deepEqual(answerOf(choices, "multiple"), { html: "<code>A</code>; C", explanation: "Why." });
    assert.deepEqual(answerOf({ answer: { value: "10.0.0.0/24" }, explanation: "E." }, "address"),
                     { html: "<code>10.0.0.0/24</code>", explanation: "E." });
  });
  test("a first-try success is kept across other numbers", () => {
    const first = recordTry({ attempts: 0 }, { status: "right" }, "1");
    assert.equal(first.firstTry, true);
    assert.equal(nextVariant(first, 2).firstTry, true);
    assert.equal(recordTry(first, { status: "invalid" }, "x"), first);
  });
});
