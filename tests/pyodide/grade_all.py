"""Grades every exercise's reference solution, starter and known wrong answers.

Run in Pyodide by run_in_pyodide.mjs and in CPython by tests/test_exercises.py: the browser
and pytest must give the learner exactly the same feedback.
"""

import json

from lambdanet_edu.course import EXERCISES, grade_json


def grade_all():
    answers = {}
    for ex in EXERCISES.values():
        answers[f"{ex.id}/solution"] = json.loads(grade_json(ex.id, ex.solution))
        answers[f"{ex.id}/starter"] = json.loads(grade_json(ex.id, ex.starter))
        answers[f"{ex.id}/run"] = json.loads(grade_json(ex.id, ex.solution, "run"))
        for m in ex.misconceptions:
            answers[f"{ex.id}/{m.key}"] = json.loads(grade_json(ex.id, m.example))
    return answers


json.dumps(grade_all(), sort_keys=True)
