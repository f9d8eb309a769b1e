"""Exercises for the page "Where your function runs"."""

from __future__ import annotations

import dataclasses
import random

from lambdanet_edu.exercises.grading import Case, Exercise, Misconception
from lambdanet_edu.facts import (
    ENI_DELETE_MINUTES,
    INACTIVE_AFTER_IDLE_DAYS,
    MAX_SECURITY_GROUPS_PER_FUNCTION,
    MAX_SUBNETS_PER_FUNCTION,
)
from lambdanet_edu.functions import LambdaFunction
from lambdanet_edu.states import FunctionState, lifecycle

__all__ = ["EXERCISES"]


def _fns(*specs: tuple[str, list[str], list[str]]) -> list[LambdaFunction]:
    return [LambdaFunction(name, subnets, groups) for name, subnets, groups in specs]


def _random_functions(rng: random.Random) -> Case:
    subnets = [f"subnet-{c}" for c in "abcd"]
    groups = [f"sg-{n}" for n in range(1, 5)]
    functions = [
        LambdaFunction(f"fn{i}", rng.sample(subnets, rng.randint(1, min(3, MAX_SUBNETS_PER_FUNCTION))),
                       rng.sample(groups, rng.randint(1, min(3, MAX_SECURITY_GROUPS_PER_FUNCTION))))
        for i in range(rng.randint(1, 8))
    ]
    return Case(args=(functions,), label=f"a random deployment of {len(functions)} functions")


def _distinct_subnets(functions: list[LambdaFunction]) -> int:
    return len({s for f in functions for s in f.subnet_ids})


ENI_COUNT = Exercise(
    id="eni-count",
    title="Count the Hyperplane ENIs",
    statement=(
        "Write `eni_count(functions)`: given a list of `LambdaFunction`s attached to one VPC, "
        "return how many Hyperplane ENIs Lambda creates in your subnets. Work it out from "
        "`f.subnet_ids` and `f.security_group_ids`; the checks compare your answer with "
        "`hyperplane_enis` on many deployments."
    ),
    entry="eni_count",
    starter=(
        "from lambdanet_edu import LambdaFunction\n\n\n"
        "def eni_count(functions):\n"
        "    # One Hyperplane ENI per ... ?\n"
        "    return 0\n"
    ),
    solution=(
        "from lambdanet_edu import LambdaFunction\n\n\n"
        "def eni_count(functions):\n"
        "    # One ENI per subnet and *set* of security groups (order does not matter).\n"
        "    combos = {(subnet, frozenset(f.security_group_ids))\n"
        "              for f in functions for subnet in f.subnet_ids}\n"
        "    return len(combos)\n"
    ),
    hints=(
        "Two functions that use the same subnet and the same security groups share one ENI.",
        "Count distinct (subnet, security-group set) pairs. A set ignores order: "
        "`frozenset(f.security_group_ids)`.",
    ),
    cases=(
        Case(args=(_fns(("a", ["subnet-1"], ["sg-1"]), ("b", ["subnet-1"], ["sg-1"])),),
             label="two functions sharing one subnet and one security group"),
        Case(args=(_fns(("a", ["subnet-1", "subnet-2"], ["sg-1"]),
                        ("b", ["subnet-1", "subnet-2"], ["sg-1"]),
                        ("c", ["subnet-1"], ["sg-2"])),),
             label="three functions over two subnets and two security groups"),
        Case(args=(_fns(("a", ["subnet-1"], ["sg-1", "sg-2"]),
                        ("b", ["subnet-1"], ["sg-2", "sg-1"])),),
             label="two functions listing the same security groups in a different order"),
    ),
    misconceptions=(
        Misconception(
            key="one_per_function", name="Counted one ENI per function",
            feedback=("Functions do not get their own ENIs. Lambda shares one Hyperplane ENI "
                      "among every function that uses the same subnet and the same set of "
                      "security groups."),
            predict=lambda functions: len(functions),
            example="def eni_count(functions):\n    return len(functions)\n",
        ),
        Misconception(
            key="one_per_function_subnet", name="Counted one ENI per function per subnet",
            feedback=("That is a function's own share, but ENIs are not per function: every "
                      "function with the same subnet and security groups uses the same ENI."),
            predict=lambda functions: sum(len(f.subnet_ids) for f in functions),
            example=("def eni_count(functions):\n"
                     "    return sum(len(f.subnet_ids) for f in functions)\n"),
        ),
        Misconception(
            key="ignored_security_groups", name="Ignored the security groups",
            feedback=("The ENI carries the security groups, so a different set of groups in "
                      "the same subnet needs another ENI."),
            predict=_distinct_subnets,
            example=("def eni_count(functions):\n"
                     "    return len({s for f in functions for s in f.subnet_ids})\n"),
        ),
        Misconception(
            key="security_group_order", name="Treated the security-group order as meaningful",
            feedback=("Security groups form a set: sg-1 and sg-2 in either order is one "
                      "combination, so it shares one ENI. Use a frozenset, not a tuple."),
            predict=lambda functions: len({(s, tuple(f.security_group_ids))
                                           for f in functions for s in f.subnet_ids}),
            example=("def eni_count(functions):\n"
                     "    return len({(s, tuple(f.security_group_ids))\n"
                     "                for f in functions for s in f.subnet_ids})\n"),
        ),
    ),
    random_case=_random_functions,
    success=("One Hyperplane ENI per distinct subnet and security-group set: adding functions "
             "that share a combination costs no new addresses."),
)


# --- state-after: predict a function's State after a timeline -----------------------------------

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


def _variant(solution: str, old: str, new: str) -> str:
    assert old in solution, old  # a wrong-answer example is the solution with one belief bent
    return solution.replace(old, new, 1)


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
        "- `\"update_vpc_config\"`: you change the function's subnets or security groups.\n\n"
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
            example=_variant(_STATE_SOLUTION, 'state = "Pending"                    #',
                             'state = "Active"                     #'),
        ),
        Misconception(
            key="idle_stays_active", name="Thought idle functions stay Active forever",
            feedback=(f"After {INACTIVE_AFTER_IDLE_DAYS} days without an invocation Lambda "
                      "reclaims the function's unused Hyperplane ENIs and marks it Inactive."),
            predict=lambda events: _simulate(events, idle_matters=False),
            example=_variant(_STATE_SOLUTION, _IDLE_RULE, "            pass\n"),
        ),
        Misconception(
            key="wakes_on_invoke",
            name="Thought the first invocation after Inactive succeeds",
            feedback=("Invoking an Inactive function fails: the function goes back to Pending "
                      "while Lambda recreates or reassigns its ENI, and only later invocations, "
                      "once it is Active again, succeed."),
            predict=lambda events: _simulate(events, wakes_on_invoke=True),
            example=_variant(_STATE_SOLUTION, 'state = "Pending"                # this',
                             'state = "Active"                 # this'),
        ),
        Misconception(
            key="update_goes_pending",
            name="Thought changing the VPC configuration takes the function offline",
            feedback=("While a VPC configuration update is in progress the function stays "
                      "Active and invocations keep using the old ENI; only other updates and "
                      "PublishVersion fail until it completes."),
            predict=lambda events: _simulate(events, update_goes_pending=True),
            example=_variant(_STATE_SOLUTION, _UPDATE_RULE,
                             '        elif event == "update_vpc_config" and state == "Active":\n'
                             '            state = "Pending"\n'),
        ),
    ),
    random_case=_random_timeline,
    success=("Pending until the ENI exists, Active while it is used, Inactive after "
             f"{INACTIVE_AFTER_IDLE_DAYS} idle days, and one failed invocation to wake it: "
             "callers of a rarely used VPC function should be ready to retry."),
)


# --- enis-deleted: which ENIs go when one function leaves the VPC -------------------------------

_Combos = set[tuple[str, frozenset[str]]]


def _combos(subnet_ids: tuple[str, ...], groups: tuple[str, ...]) -> _Combos:
    return {(subnet, frozenset(groups)) for subnet in subnet_ids}


def _still_used(functions: list[LambdaFunction], detached: str, *,
                versions_keep: bool = True) -> _Combos:
    """The (subnet, groups) combinations something still uses once ``detached`` has left."""
    used: _Combos = set()
    for f in functions:
        if f.name != detached:
            used |= _combos(f.subnet_ids, f.security_group_ids)
        for v in f.published_versions if versions_keep else ():
            used |= _combos(v.subnet_ids, v.security_group_ids)
    return used


def _detached_combos(functions: list[LambdaFunction], detached: str) -> _Combos:
    fn = next(f for f in functions if f.name == detached)
    return _combos(fn.subnet_ids, fn.security_group_ids)


def _all_its_enis(functions: list[LambdaFunction], detached: str) -> int:
    return len(_detached_combos(functions, detached))


def _forgot_versions(functions: list[LambdaFunction], detached: str) -> int:
    return len(_detached_combos(functions, detached)
               - _still_used(functions, detached, versions_keep=False))


def _by_subnet(functions: list[LambdaFunction], detached: str) -> int:
    mine = {subnet for subnet, _ in _detached_combos(functions, detached)}
    return len(mine - {subnet for subnet, _ in _still_used(functions, detached)})


def _republished(fn: LambdaFunction, groups: list[str]) -> LambdaFunction:
    """``fn`` with a version published on its current groups, then moved to ``groups``."""
    return dataclasses.replace(fn.publish(), security_group_ids=groups)


def _random_detach(rng: random.Random) -> Case:
    subnets, groups = ["subnet-a", "subnet-b", "subnet-c"], ["sg-1", "sg-2", "sg-3"]
    functions = []
    for i in range(rng.randint(1, 5)):
        fn = LambdaFunction(f"fn{i}", rng.sample(subnets, rng.randint(1, 2)),
                            rng.sample(groups, rng.randint(1, 2)))
        for _ in range(rng.choice([0, 0, 1, 2])):
            fn = _republished(fn, rng.sample(groups, rng.randint(1, 2)))
        functions.append(fn)
    name = rng.choice(functions).name
    versions = sum(len(f.published_versions) for f in functions)
    return Case(args=(functions, name), label=(
        f"{name} detached from a random deployment of {len(functions)} functions and "
        f"{versions} published versions"))


_DETACH_SOLUTION = '''\
def combinations(subnet_ids, security_group_ids):
    return {(subnet, frozenset(security_group_ids)) for subnet in subnet_ids}


def enis_deleted(functions, detached):
    before, after = set(), set()
    for f in functions:
        latest = combinations(f.subnet_ids, f.security_group_ids)
        before |= latest
        if f.name != detached:
            after |= latest               # other functions keep using theirs
        for v in f.published_versions:    # versions keep the VpcConfig they were published with
            after |= combinations(v.subnet_ids, v.security_group_ids)
    return len(before - after)
'''

_VERSIONS_RULE = "            after |= combinations(v.subnet_ids, v.security_group_ids)\n"

ENIS_DELETED = Exercise(
    id="enis-deleted",
    title="Which ENIs go when a function leaves the VPC",
    statement=(
        "You remove the `VpcConfig` from one function, named `detached`. That changes its "
        "unpublished code (`$LATEST`) only: each published version keeps the subnets and security "
        "groups it was published with. Write `enis_deleted(functions, detached)`: return how many "
        "Hyperplane ENIs Lambda deletes as a result (it takes up to "
        f"{ENI_DELETE_MINUTES} minutes). Each function has `subnet_ids`, `security_group_ids` "
        "and `published_versions`, and each version has its own `subnet_ids` and "
        "`security_group_ids`. The checks compare your answers with `hyperplane_enis` before and "
        "after."
    ),
    entry="enis_deleted",
    starter=(
        "def enis_deleted(functions, detached):\n"
        "    for f in functions:\n"
        "        if f.name == detached:\n"
        "            print(f.subnet_ids, f.security_group_ids, f.published_versions)\n"
        "    return 0\n"
    ),
    solution=_DETACH_SOLUTION,
    hints=(
        "Lambda deletes an ENI only when nothing uses its subnet and security-group combination "
        "any more.",
        "List the combinations in use before and after the change. Who still uses them after: "
        "the other functions, and every published version, the detached function's included.",
        "Build two sets of `(subnet, frozenset(groups))`: `before` from every function's own "
        "configuration, `after` from every function but `detached` plus every published "
        "version. Return `len(before - after)`.",
    ),
    cases=(
        Case(args=(_fns(("api", ["subnet-a", "subnet-b"], ["sg-app"]),
                        ("worker", ["subnet-a", "subnet-b"], ["sg-app"])), "api"),
             label="api detached while worker shares its two subnets and security group"),
        Case(args=([LambdaFunction("orders", ["subnet-a"], ["sg-1"]).publish()], "orders"),
             label="orders detached after publishing version 1 with the same configuration"),
        Case(args=(_fns(("api", ["subnet-a"], ["sg-1"]), ("reports", ["subnet-a"], ["sg-2"])),
                   "api"),
             label="api detached while reports uses the same subnet with another security group"),
        Case(args=([_republished(LambdaFunction("orders", ["subnet-a", "subnet-b"], ["sg-1"]),
                                 ["sg-2"]),
                    LambdaFunction("billing", ["subnet-a"], ["sg-2"])], "orders"),
             label=("orders (version 1 on sg-1, now on sg-2 in two subnets) detached while "
                    "billing uses sg-2 in subnet-a")),
    ),
    misconceptions=(
        Misconception(
            key="all_its_enis", name="Thought every ENI the function used is deleted",
            feedback=("ENIs are shared: Lambda deletes one only when no other function and no "
                      "published version uses its subnet and security-group combination."),
            predict=_all_its_enis,
            example=("def enis_deleted(functions, detached):\n"
                     "    for f in functions:\n"
                     "        if f.name == detached:\n"
                     "            return len({(s, frozenset(f.security_group_ids))\n"
                     "                        for s in f.subnet_ids})\n"),
        ),
        Misconception(
            key="forgot_versions", name="Forgot that published versions keep their ENIs",
            feedback=("A published version is frozen with the VPC configuration it had, so it "
                      "keeps its ENIs in use after you detach the function. Delete versions you "
                      "no longer need to let Lambda remove them."),
            predict=_forgot_versions,
            example=_variant(_DETACH_SOLUTION, _VERSIONS_RULE, "            pass\n"),
        ),
        Misconception(
            key="by_subnet", name="Thought ENIs are shared by subnet alone",
            feedback=("An ENI belongs to a subnet and a set of security groups. Another function "
                      "in the same subnet with different groups uses a different ENI, so it "
                      "does not keep this one alive."),
            predict=_by_subnet,
            example=("def enis_deleted(functions, detached):\n"
                     "    mine = next(f for f in functions if f.name == detached).subnet_ids\n"
                     "    used = set()\n"
                     "    for f in functions:\n"
                     "        if f.name != detached:\n"
                     "            used |= set(f.subnet_ids)\n"
                     "        for v in f.published_versions:\n"
                     "            used |= set(v.subnet_ids)\n"
                     "    return len(set(mine) - used)\n"),
        ),
    ),
    random_case=_random_detach,
    success=("An ENI goes only when its last user goes: other functions and published versions "
             "on the same subnet and security groups keep it. Lambda then needs up to "
             f"{ENI_DELETE_MINUTES} minutes to delete it, and the subnet and security groups "
             "cannot be deleted before that."),
)

EXERCISES: tuple[Exercise, ...] = (ENI_COUNT, STATE_AFTER, ENIS_DELETED)
