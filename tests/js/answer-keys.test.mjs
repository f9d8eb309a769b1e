// Every variant of every quiz the site ships, judged by the browser's code: the answer key the
// model computed is right, and each wrong answer the quiz lists names its misconception.
// tests/test_js_units.py passes the compiled quizzes (LN_COMPILED_QUIZZES, a JSON file); run by
// hand without it, this file says it was skipped rather than passing on nothing.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { judge } from "../../docs/assets/ln/quiz-answers.js";

const path = process.env.LN_COMPILED_QUIZZES;
const quizzes = path ? JSON.parse(readFileSync(path, "utf8")) : [];

test("the compiled quizzes were given", { skip: !path && "run through tests/test_js_units.py" }, () => {
  assert.ok(quizzes.length > 0);
});

const rightAnswer = (question, variant) =>
  question.input === "single" ? variant.choices.find((c) => c.correct).id
    : question.input === "multiple" ? variant.choices.filter((c) => c.correct).map((c) => c.id)
    : String(variant.answer.value);

for (const quiz of quizzes) {
  test(`quiz ${quiz.id}`, async (t) => {
    for (const question of quiz.questions) {
      question.variants.forEach((variant, i) => {
        const right = judge(variant, question.input, rightAnswer(question, variant));
        assert.equal(right.status, "right", `${question.id} variant ${i}: the key is not right`);
        for (const wrong of variant.wrong) {
          const verdict = judge(variant, question.input, String(wrong.value));
          assert.equal(verdict.status, "wrong", `${question.id} variant ${i}: ${wrong.value}`);
          assert.deepEqual(verdict.misconceptions.map((m) => m.name).includes(wrong.misconception), true,
                           `${question.id} variant ${i}: ${wrong.value} should name ${wrong.misconception}`);
        }
        // Each number of a mistake kind the compiler found reads as that kind, not as right.
        for (const kind of variant.mistakes || []) {
          for (const value of kind.values) {
            const verdict = judge(variant, question.input, String(value));
            assert.equal(verdict.status, "wrong", `${question.id} variant ${i}: ${value}`);
            assert.equal(verdict.mistake && verdict.mistake.name, kind.name,
                         `${question.id} variant ${i}: ${value} should read as ${kind.name}`);
          }
        }
        for (const choice of variant.choices.filter((c) => !c.correct)) {
          const picked = question.input === "single" ? choice.id : [...[].concat(rightAnswer(question, variant)), choice.id];
          const verdict = judge(variant, question.input, picked);
          assert.equal(verdict.status, "wrong", `${question.id} variant ${i}: choice ${choice.id}`);
          assert.deepEqual(verdict.misconceptions.map((m) => m.name), [choice.misconception]);
        }
      });
    }
    await t.test(`${quiz.questions.length} questions`, () => {});
  });
}
