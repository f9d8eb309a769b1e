"""The exercise ``enis-deleted``: which Hyperplane ENIs go when one function leaves the VPC."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence

from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.course.topics.where_it_runs._shared import deployment, variant
from lambdanet_edu.facts import ENI_DELETE_MINUTES
from lambdanet_edu.functions import LambdaFunction

__all__ = ["ENIS_DELETED"]

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


def _republished(fn: LambdaFunction, groups: Sequence[str]) -> LambdaFunction:
    """``fn`` with a version published on its current groups, then moved to ``groups``."""
    return dataclasses.replace(fn.publish(), security_group_ids=tuple(groups))


def _random_detach(rng: random.Random) -> Case:
    subnets, groups = ["subnet-a", "subnet-b", "subnet-c"], ["sg-1", "sg-2", "sg-3"]
    functions = []
    for i in range(rng.randint(1, 5)):
        fn = LambdaFunction(f"fn{i}", tuple(rng.sample(subnets, rng.randint(1, 2))),
                            tuple(rng.sample(groups, rng.randint(1, 2))))
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
        "unpublished version (`$LATEST`) only: each published version keeps the subnets and "
        "security groups it was published with. Write `enis_deleted(functions, detached)`: "
        "return how many "
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
    names=("LambdaFunction", "PublishedVersion"),
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
        Case(args=(deployment(("api", ["subnet-a", "subnet-b"], ["sg-app"]),
                              ("worker", ["subnet-a", "subnet-b"], ["sg-app"])), "api"),
             label="api detached while worker shares its two subnets and security group"),
        Case(args=([LambdaFunction("orders", ("subnet-a",), ("sg-1",)).publish()], "orders"),
             label="orders detached after publishing version 1 with the same configuration"),
        Case(args=(deployment(("api", ["subnet-a"], ["sg-1"]), ("reports", ["subnet-a"], ["sg-2"])),
                   "api"),
             label="api detached while reports uses the same subnet with another security group"),
        Case(args=([_republished(LambdaFunction("orders", ("subnet-a", "subnet-b"), ("sg-1",)),
                                 ["sg-2"]),
                    LambdaFunction("billing", ("subnet-a",), ("sg-2",))], "orders"),
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
            example=variant(_DETACH_SOLUTION, _VERSIONS_RULE, "            pass\n"),
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
