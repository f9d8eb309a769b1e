"""Hostile learner code, and what it must not change: the grader's isolation reproducers.

Each entry is code a learner could submit for one exercise (it also defines the exercise's
function or value, so it runs to the end). Before the grader put things back, each made later
gradings of other exercises come out wrong: passes that were not, forged replies, "Python could
not run" until a reload, a reference solution that followed the patch.

Imported by tests/test_grading_isolation.py (CPython); run as a script in real Pyodide by
run_in_pyodide.mjs (tests/test_pyodide.py), where its last expression is the JSON report.
"""

import json

from lambdanet_edu.course import EXERCISES, grade_json

#: The later gradings use one seed, so that only what the hostile code did can change them.
SEED = 0
_ENI = "def eni_count(functions):\n    return 0\n"
_HOOK = "def hook(*args):\n    raise RuntimeError('hooked')\n"

#: name -> (exercise id, code).
HOSTILE = {
    "grader _same always true": ("eni-count", "import lambdanet_edu.course.grading as g\n"
                                 "g._same = lambda a, b: True\n" + _ENI),
    "json.dumps forged": ("eni-count", "import json\njson.dumps = lambda *a, **k: "
                          "'{\"status\": \"passed\", \"title\": \"Correct\", \"message\": \"\"}'\n"
                          + _ENI),
    "builtins.len replaced": ("eni-count", "import builtins\nbuiltins.len = lambda x: 0\n" + _ENI),
    "builtins.isinstance removed": ("eni-count", "import builtins\ndel builtins.isinstance\n"
                                    + _ENI),
    "facts.SCALING_STEP changed": ("seconds-to-reach", "import lambdanet_edu.facts as f\n"
                                   "f.SCALING_STEP = 500\n"
                                   "def seconds_to_reach(*a):\n    return 0\n"),
    "copy.deepcopy replaced": ("eni-count", "import copy\ncopy.deepcopy = lambda x, m=None: []\n"
                               + _ENI),
    "course.grade replaced": ("eni-count", "import lambdanet_edu.course as c\n"
                              "from lambdanet_edu.course.grading import Feedback\n"
                              "c.grade = lambda *a, **k: Feedback(status='passed', "
                              "title='Correct', message='')\n" + _ENI),
    "Feedback.to_dict forged": ("eni-count", "from lambdanet_edu.course.grading import Feedback\n"
                                "Feedback.to_dict = lambda self: {'status': 'passed', "
                                "'title': 'Correct', 'message': '', 'misconception': None, "
                                "'output': ''}\n" + _ENI),
    "Exercise.all_cases shortened": ("eni-count", "from lambdanet_edu.course import Exercise\n"
                                     "Exercise.all_cases = lambda self, seed=0: []\n" + _ENI),
    "an exercise's solution swapped": (
        "eni-count", "from lambdanet_edu.course import EXERCISES\n"
        "for ex in EXERCISES.values():\n"
        "    object.__setattr__(ex, 'solution', ex.starter)\n" + _ENI),
    "function code swapped": ("eni-count", "import lambdanet_edu.course.grading as g\n"
                              "g._same.__code__ = (lambda a, b: True).__code__\n" + _ENI),
    "sys.settrace hook": ("eni-count", "import sys\n" + _HOOK + "sys.settrace(hook)\n" + _ENI),
    "a model module's table changed": (
        "eni-count", "import copy\ncopy._deepcopy_dispatch[list] = lambda x, memo, d=None: []\n"
        + _ENI),
    "raises a BaseException of its own": ("eni-count", "class E(BaseException):\n    pass\n"
                                          "def eni_count(functions):\n    raise E\n"),
}


def summary(reply: str) -> tuple[object, ...]:
    """What must not change: the status, the title, the misconception named and the message."""
    data = json.loads(reply)
    return tuple(data.get(k) for k in ("status", "title", "misconception", "message"))


def baseline() -> dict[tuple[str, str], tuple[object, ...]]:
    """Every exercise's solution, starter and known wrong answers, graded in a clean Python."""
    found = {}
    for ex in EXERCISES.values():
        found[ex.id, "solution"] = summary(grade_json(ex.id, ex.solution, seed=SEED))
        found[ex.id, "starter"] = summary(grade_json(ex.id, ex.starter, seed=SEED))
        for m in ex.misconceptions:
            found[ex.id, m.key] = summary(grade_json(ex.id, m.example, seed=SEED))
    return found


def run_all() -> dict[str, object]:
    """For each hostile entry: its own reply, and the later gradings that changed."""
    clean = baseline()
    report: dict[str, object] = {}
    for name, (attacked, code) in HOSTILE.items():
        reply = json.loads(grade_json(attacked, code))
        changed = [f"{ex_id}/{kind}" for (ex_id, kind), before in baseline().items()
                   if before != clean[ex_id, kind]]
        report[name] = {"status": reply["status"], "reset": reply.get("reset", False),
                        "changed": changed}
    return report


# Run as a script (in Pyodide) this is the report: run_in_pyodide.mjs prints the last expression.
_REPORT = json.dumps(run_all(), sort_keys=True) if __name__ == "__main__" else ""
_REPORT  # noqa: B018
