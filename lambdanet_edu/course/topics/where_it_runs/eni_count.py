"""The exercise ``eni-count``: how many Hyperplane ENIs a deployment of functions needs."""

from __future__ import annotations

import random

from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.course.topics.where_it_runs._shared import deployment
from lambdanet_edu.facts import MAX_SECURITY_GROUPS_PER_FUNCTION, MAX_SUBNETS_PER_FUNCTION
from lambdanet_edu.functions import LambdaFunction

__all__ = ["ENI_COUNT"]


def _random_functions(rng: random.Random) -> Case:
    subnets = [f"subnet-{c}" for c in "abcd"]
    groups = [f"sg-{n}" for n in range(1, 5)]
    functions = [
        LambdaFunction(
            f"fn{i}",
            tuple(rng.sample(subnets, rng.randint(1, min(3, MAX_SUBNETS_PER_FUNCTION)))),
            tuple(rng.sample(groups, rng.randint(1, min(3, MAX_SECURITY_GROUPS_PER_FUNCTION)))))
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
    names=("LambdaFunction", "LambdaFunction.security_group_set"),
    hints=(
        "Two functions that use the same subnet and the same security groups share one ENI.",
        "Count distinct (subnet, security-group set) pairs. A set ignores order: "
        "`frozenset(f.security_group_ids)`.",
    ),
    cases=(
        Case(args=(deployment(("a", ["subnet-1"], ["sg-1"]), ("b", ["subnet-1"], ["sg-1"])),),
             label="two functions sharing one subnet and one security group"),
        Case(args=(deployment(("a", ["subnet-1", "subnet-2"], ["sg-1"]),
                              ("b", ["subnet-1", "subnet-2"], ["sg-1"]),
                              ("c", ["subnet-1"], ["sg-2"])),),
             label="three functions over two subnets and two security groups"),
        Case(args=(deployment(("a", ["subnet-1"], ["sg-1", "sg-2"]),
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
            feedback=("That counts each function's subnets separately, but ENIs are not per "
                      "function: every function with the same subnet and security groups uses "
                      "the same ENI there."),
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
            feedback=("The model treats a function's security groups as a set (AWS does not "
                      "say that their order matters): sg-1 and sg-2 in either order is one "
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
