"""The exercise ``state-after``: the ``State`` a VPC function reports after a timeline of events."""

from __future__ import annotations

import random

from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.course.topics.where_it_runs._shared import variant
from lambdanet_edu.facts import INACTIVE_AFTER_IDLE_DAYS
from lambdanet_edu.states import FunctionState, lifecycle

__all__ = ["STATE_AFTER"]

_IDLE_DAYS = INACTIVE_AFTER_IDLE_DAYS


def _simulate(events: list[str], *, active_on_create: bool = False, idle_matters: bool = True,
              wakes_on_invoke: bool = False, update_goes_pending: bool = False) -> str:
    """The learner's rule, and each misconception as a switch that bends one part of it."""
    state, idle = "", 0
    for event in events:
        if event == "create":
            state = "Active" if active_on_create else "Pending"
        elif event == "eni_ready" and state == "Pending":
            state = "Active"
        elif event == "invoke":
            idle = 0
            if state == "Inactive":
                state = "Active" if wakes_on_invoke else "Pending"
        elif event.startswith("idle "):
            idle += int(event.split()[1])
            if idle_matters and state == "Active" and idle >= _IDLE_DAYS:
                state = "Inactive"
        elif event == "update_vpc_config" and update_goes_pending and state == "Active":
            state = "Pending"
    return state


def _timeline(*events: str) -> Case:
    return Case(args=(list(events),), label=f"the events {', '.join(events)}")


def _random_timeline(rng: random.Random) -> Case:
    # Realistic timelines: the ENI arrives while Pending, and days pass only once it has
    # (AWS says nothing about idle days while Pending, which lasts minutes).
    events = ["create"]
    for _ in range(rng.randint(2, 8)):
        state = lifecycle(events)[-1].state
        if state is FunctionState.PENDING:
            events.append(rng.choice(["eni_ready", "eni_ready", "invoke"]))
        else:
            days = rng.choice([1, 3, _IDLE_DAYS // 2, _IDLE_DAYS - 1, _IDLE_DAYS, 2 * _IDLE_DAYS])
            events.append(rng.choice(["invoke", "invoke", f"idle {days}", f"idle {days}",
                                      "update_vpc_config"]))
    return _timeline(*events)


_STATE_STARTER = '''\
def state_after(events):
    state = None
    for event in events:
        if event == "create":
            state = "Pending"
        # What do "eni_ready", "invoke", "idle N" and "update_vpc_config" change?
    return state
'''

_STATE_SOLUTION = '''\
from lambdanet_edu.facts import INACTIVE_AFTER_IDLE_DAYS


def state_after(events):
    state, idle = None, 0
    for event in events:
        if event == "create":
            state = "Pending"                    # the ENI is not there yet
        elif event == "eni_ready" and state == "Pending":
            state = "Active"
        elif event == "invoke":
            idle = 0                             # an invocation resets the idle clock
            if state == "Inactive":
                state = "Pending"                # this invocation fails; the ENI is rebuilt
        elif event.startswith("idle "):
            idle += int(event.split()[1])        # idle days add up until an invocation
            if state == "Active" and idle >= INACTIVE_AFTER_IDLE_DAYS:
                state = "Inactive"
        # "update_vpc_config" changes nothing: the old ENI keeps serving
    return state
'''


_IDLE_RULE = ('            if state == "Active" and idle >= INACTIVE_AFTER_IDLE_DAYS:\n'
              '                state = "Inactive"\n')
_UPDATE_RULE = '        # "update_vpc_config" changes nothing: the old ENI keeps serving\n'


STATE_AFTER = Exercise(
    id="state-after",
    title="Predict the function's state",
    statement=(
        "A VPC function's `State` changes as things happen to it. Write `state_after(events)`: "
        "given a list of events in order, return the state Lambda reports after the last one: "
        "`\"Pending\"`, `\"Active\"` or `\"Inactive\"`. The events are spelled the way "
        "`lambdanet_edu.lifecycle` spells them:\n\n"
        "- `\"create\"`: always first; you create the function with a `VpcConfig`.\n"
        "- `\"eni_ready\"`: Lambda has finished creating or assigning the Hyperplane ENI.\n"
        "- `\"invoke\"`: something invokes the function.\n"
        "- `\"idle N\"`: N more days pass without an invocation. Idle days add up until the "
        "next invocation.\n"
        "- `\"update_vpc_config\"`: you change the function's subnets or security groups. "
        "AWS does not describe this for an Inactive function; the model leaves it Inactive.\n\n"
        f"A function left idle for {INACTIVE_AFTER_IDLE_DAYS} days becomes Inactive "
        "(`INACTIVE_AFTER_IDLE_DAYS` in `lambdanet_edu.facts`). Apply the rules yourself; the "
        "checks compare your answers with `lifecycle` on many timelines."
    ),
    entry="state_after",
    starter=_STATE_STARTER,
    solution=_STATE_SOLUTION,
    hints=(
        "Keep two things as you walk through the events: the current state and the idle days "
        "since the last invocation.",
        "Only an Active function can become Inactive, and only an invocation wakes an Inactive "
        "one. Which state does that invocation leave it in, and does it succeed?",
        "`create` gives Pending; `eni_ready` turns Pending into Active; `invoke` resets the idle "
        "days and turns Inactive into Pending; `idle N` adds N days and turns Active into "
        f"Inactive once the total reaches {INACTIVE_AFTER_IDLE_DAYS}; an update changes nothing.",
    ),
    cases=(
        _timeline("create"),
        _timeline("create", "eni_ready", f"idle {2 * _IDLE_DAYS}"),
        _timeline("create", "eni_ready", f"idle {2 * _IDLE_DAYS}", "invoke"),
        _timeline("create", "eni_ready", f"idle {_IDLE_DAYS - 1}", "invoke",
                  f"idle {_IDLE_DAYS - 1}"),
        _timeline("create", "eni_ready", f"idle {_IDLE_DAYS - 1}", "idle 1"),
        _timeline("create", "eni_ready", "update_vpc_config"),
        _timeline("create", "invoke", "eni_ready", "invoke"),
    ),
    misconceptions=(
        Misconception(
            key="active_on_create", name="Thought a function is Active as soon as it is created",
            feedback=("A new VPC function starts Pending: Lambda must first create or assign its "
                      "Hyperplane ENI, which can take several minutes, and invocations fail "
                      "until the function is Active."),
            predict=lambda events: _simulate(events, active_on_create=True),
            example=variant(_STATE_SOLUTION, 'state = "Pending"                    #',
                            'state = "Active"                     #'),
        ),
        Misconception(
            key="idle_stays_active", name="Thought idle functions stay Active forever",
            feedback=(f"Once {INACTIVE_AFTER_IDLE_DAYS} days pass with no invocation, Lambda "
                      "takes back the Hyperplane ENIs nobody is using and reports the function "
                      "as Inactive."),
            predict=lambda events: _simulate(events, idle_matters=False),
            example=variant(_STATE_SOLUTION, _IDLE_RULE, "            pass\n"),
        ),
        Misconception(
            key="wakes_on_invoke",
            name="Thought the first invocation after Inactive succeeds",
            feedback=("Invoking an Inactive function fails: the function goes back to Pending "
                      "while Lambda recreates or reassigns its ENI, and only later invocations, "
                      "once it is Active again, succeed."),
            predict=lambda events: _simulate(events, wakes_on_invoke=True),
            example=variant(_STATE_SOLUTION, 'state = "Pending"                # this',
                            'state = "Active"                 # this'),
        ),
        Misconception(
            key="update_goes_pending",
            name="Thought changing the VPC configuration takes the function offline",
            feedback=("While a VPC configuration update is in progress the function stays "
                      "Active and invocations keep using the old ENI; only other updates and "
                      "PublishVersion fail until it completes."),
            predict=lambda events: _simulate(events, update_goes_pending=True),
            example=variant(_STATE_SOLUTION, _UPDATE_RULE,
                            '        elif event == "update_vpc_config" and state == "Active":\n'
                            '            state = "Pending"\n'),
        ),
    ),
    random_case=_random_timeline,
    success=("Pending until the ENI exists, Active while it is used, Inactive after "
             f"{INACTIVE_AFTER_IDLE_DAYS} idle days, and a failed invocation to wake it (more "
             "fail until it is Active again): callers of a rarely used VPC function should be "
             "ready to retry."),
)
