"""The exercise ``seconds-to-reach``: how long today's scaling rate takes to reach a concurrency."""

from __future__ import annotations

import math
import random

from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.facts import (
    ACCOUNT_CONCURRENCY_DEFAULT,
    LEGACY_BURSTS,
    LEGACY_RAMP_PER_MINUTE,
    SCALING_PERIOD_S,
    SCALING_STEP,
)
from lambdanet_edu.pictures import scaling_chart

__all__ = ["SECONDS_TO_REACH"]

_MINUTE = 60
#: The latest answer the picture draws (a later one is left off the chart).
_LONGEST = 30 * _MINUTE
_REGION = "us-east-1"
_LEGACY_BURST = LEGACY_BURSTS[_REGION]


def _reach_legacy(target: int) -> int:
    if target <= _LEGACY_BURST:
        return 0
    return _MINUTE * math.ceil((target - _LEGACY_BURST) / LEGACY_RAMP_PER_MINUTE)


def _draw_answer(got: object, expected: int, case: Case) -> str:
    """The model's climb to ``target`` under both rules, the learner's second against its own."""
    (target,) = case.args
    # The learner's answer is drawn only when it is a second the chart can show.
    yours = (got if isinstance(got, int) and not isinstance(got, bool) and 0 <= got <= _LONGEST
             else None)
    if yours is not None and yours == expected:
        marks = [(f"your answer = the model's: second {expected}", expected)]
    else:
        marks = [(f"model: second {expected}", expected)]
        if yours is not None:
            marks.insert(0, (f"yours: second {yours}", yours))
    last = max(expected, yours if yours is not None else 0) + 2 * SCALING_PERIOD_S
    return scaling_chart(target, seconds=last + 1,
                         account_limit=max(ACCOUNT_CONCURRENCY_DEFAULT, 2 * target),
                         initial_burst=_REGION, marks=marks, id="learner-seconds-to-reach")


def _target_case(target: int) -> Case:
    return Case(args=(target,), label=f"a target of {target:,} environments")


def _random_target(rng: random.Random) -> Case:
    return _target_case(rng.randint(1, 20 * SCALING_STEP))


SECONDS_TO_REACH = Exercise(
    id="seconds-to-reach",
    title="How long until the function is at full size?",
    statement=(
        f"A function in {_REGION} sits idle until second 0, when demand jumps to a steady "
        "`target` concurrent requests and stays there. The account's concurrency limit has "
        "been raised far above `target`, so only the scaling rate holds the function back.\n\n"
        "Write `seconds_to_reach(target)`: the first whole second at which the function runs "
        "`target` execution environments under today's rule. Count as the model does: at every "
        f"second, the environments the function created in the last {SCALING_PERIOD_S} seconds "
        f"(this one included) number at most {SCALING_STEP:,}. `target` is at least 1. The "
        "checks compare your answer with `concurrency_timeline` for many targets."
    ),
    entry="seconds_to_reach",
    starter=(
        "from lambdanet_edu.facts import SCALING_PERIOD_S, SCALING_STEP\n\n\n"
        "def seconds_to_reach(target):\n"
        "    # How many steps of SCALING_STEP does target need, and when does each come?\n"
        "    return 0\n"
    ),
    solution=(
        "from lambdanet_edu.facts import SCALING_PERIOD_S, SCALING_STEP\n\n\n"
        "def seconds_to_reach(target):\n"
        "    # The first step is granted at second 0; each further step one period later.\n"
        "    steps_after_the_first = (target - 1) // SCALING_STEP\n"
        "    return steps_after_the_first * SCALING_PERIOD_S\n"
    ),
    hints=(
        f"The window allows {SCALING_STEP:,} new environments in any {SCALING_PERIOD_S} "
        "seconds, and second 0 is inside the first window: how many environments run at "
        "second 0?",
        f"Up to {SCALING_STEP:,} are reached at second 0, up to {2 * SCALING_STEP:,} at second "
        f"{SCALING_PERIOD_S}, and so on. Count the steps after the first: "
        "`(target - 1) // SCALING_STEP`, then multiply by `SCALING_PERIOD_S`.",
    ),
    cases=tuple(_target_case(t) for t in (
        800, SCALING_STEP, SCALING_STEP + 1, 2_500, 4_200, 11_500)),
    misconceptions=(
        Misconception(
            key="instant", name="Thought scaling is instant",
            feedback=("Concurrency is capped by the account limit, but it is not reached at "
                      f"once: each function adds at most {SCALING_STEP:,} execution "
                      f"environments every {SCALING_PERIOD_S} seconds, so a large surge climbs "
                      "a staircase and the requests above it are throttled meanwhile."),
            predict=lambda target: 0,
            example="def seconds_to_reach(target):\n    return 0\n",
        ),
        Misconception(
            key="legacy_burst", name="Used the pre-2023 burst rule",
            feedback=(f"Before November 2023 an account in {_REGION} had an initial burst of "
                      f"{_LEGACY_BURST:,} and then gained {LEGACY_RAMP_PER_MINUTE} a minute. "
                      "That rule is gone: today each function scales on its own, "
                      f"{SCALING_STEP:,} environments every {SCALING_PERIOD_S} seconds, the "
                      "same in every Region, with no Region-sized burst."),
            predict=_reach_legacy,
            example=(
                "import math\n"
                "from lambdanet_edu.facts import LEGACY_BURSTS, LEGACY_RAMP_PER_MINUTE\n\n\n"
                "def seconds_to_reach(target):\n"
                f"    burst = LEGACY_BURSTS[{_REGION!r}]\n"
                "    if target <= burst:\n"
                "        return 0\n"
                "    return 60 * math.ceil((target - burst) / LEGACY_RAMP_PER_MINUTE)\n"
            ),
        ),
        Misconception(
            key="per_minute", name="Counted the step per minute",
            feedback=(f"The step of {SCALING_STEP:,} environments comes every "
                      f"{SCALING_PERIOD_S} seconds, not every minute: a function can add "
                      f"{_MINUTE // SCALING_PERIOD_S} steps in a minute. A per-minute ramp "
                      "belongs to the pre-2023 rule."),
            predict=lambda target: _MINUTE * ((target - 1) // SCALING_STEP),
            example=(
                "from lambdanet_edu.facts import SCALING_STEP\n\n\n"
                "def seconds_to_reach(target):\n"
                "    return 60 * ((target - 1) // SCALING_STEP)\n"
            ),
        ),
        Misconception(
            key="first_step_waits", name="Waited a period for the first step",
            feedback=(f"The first {SCALING_STEP:,} environments come at once: second 0 opens "
                      f"the first {SCALING_PERIOD_S}-second window. A target up to "
                      f"{SCALING_STEP:,} is reached at second 0, and each further step takes "
                      f"{SCALING_PERIOD_S} more seconds."),
            predict=lambda target: SCALING_PERIOD_S * math.ceil(target / SCALING_STEP),
            example=(
                "import math\n"
                "from lambdanet_edu.facts import SCALING_PERIOD_S, SCALING_STEP\n\n\n"
                "def seconds_to_reach(target):\n"
                "    return SCALING_PERIOD_S * math.ceil(target / SCALING_STEP)\n"
            ),
        ),
    ),
    random_case=_random_target,
    picture=_draw_answer,
    success=(f"Right: {SCALING_STEP:,} environments arrive at second 0 and each further "
             f"{SCALING_STEP:,} takes {SCALING_PERIOD_S} seconds, per function, whatever the "
             "Region. Before November 2023 the same surge waited on an account-wide burst and "
             "a per-minute ramp."),
)
