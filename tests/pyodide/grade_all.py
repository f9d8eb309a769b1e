"""Grades every exercise's reference solution, starter and known wrong answers.

Run in Pyodide by run_in_pyodide.mjs and in CPython by tests/test_exercises.py: the browser
and pytest must give the learner exactly the same feedback.
"""

import json

from lambdanet_edu.course import EXERCISES, grade_json

#: Checks draw fresh random cases each time; both Pythons must draw the same ones here.
SEED = 0


def grade_all():
    answers = {}
    for ex in EXERCISES.values():
        answers[f"{ex.id}/solution"] = json.loads(grade_json(ex.id, ex.solution, seed=SEED))
        answers[f"{ex.id}/starter"] = json.loads(grade_json(ex.id, ex.starter, seed=SEED))
        answers[f"{ex.id}/run"] = json.loads(grade_json(ex.id, ex.solution, "run", seed=SEED))
        for m in ex.misconceptions:
            answers[f"{ex.id}/{m.key}"] = json.loads(grade_json(ex.id, m.example, seed=SEED))
    return answers


json.dumps(grade_all(), sort_keys=True)
