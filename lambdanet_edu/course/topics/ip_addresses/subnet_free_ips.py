"""The exercise ``subnet-free-ips``: the addresses a subnet has left once Lambda's ENIs are in."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence

from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.facts import RESERVED_IPS_PER_SUBNET
from lambdanet_edu.functions import LambdaFunction, PublishedVersion

__all__ = ["FREE_IPS", "SUBNET"]

#: The subnet whose free addresses the learner counts in ``subnet-free-ips``.
SUBNET = "subnet-a"
#: The two addresses a learner used to classic networking expects to lose: network, broadcast.
_CLASSIC_RESERVED = 2


def _block(cidr: str) -> int:
    return 1 << (32 - int(cidr.split("/")[1]))


def _configs(functions: list[LambdaFunction], *,
             versions: bool = True) -> Iterator[tuple[tuple[str, ...], tuple[str, ...]]]:
    for f in functions:
        yield f.subnet_ids, f.security_group_ids
        if versions:
            for v in f.published_versions:
                yield v.subnet_ids, v.security_group_ids


def _enis_here(functions: list[LambdaFunction], *, versions: bool = True) -> int:
    return len({frozenset(groups) for subnets, groups in _configs(functions, versions=versions)
                if SUBNET in subnets})


def _fn(name: str, subnets: Sequence[str], groups: Sequence[str],
        versions: Sequence[tuple[Sequence[str], Sequence[str]]] = ()) -> LambdaFunction:
    return LambdaFunction(name, tuple(subnets), tuple(groups), published_versions=tuple(
        PublishedVersion(i, tuple(s), tuple(g)) for i, (s, g) in enumerate(versions, start=1)))


def _random_deployment(rng: random.Random) -> Case:
    prefix = rng.randint(24, 28)
    cidr = f"10.0.{rng.randrange(256)}.0/{prefix}"
    groups = ["sg-app", "sg-db", "sg-cache"]
    others = ["subnet-b", "subnet-c"]
    functions = []
    for i in range(rng.randint(1, 5)):
        subnets = [SUBNET, *rng.sample(others, rng.randint(0, 2))]
        mine = rng.sample(groups, rng.randint(1, 2))
        versions: tuple[tuple[list[str], list[str]], ...] = ()
        if rng.random() < 0.5:  # a published version, on the same or an older configuration
            old = mine if rng.random() < 0.4 else rng.sample(groups, rng.randint(1, 2))
            versions = ((rng.choice([subnets, [SUBNET], ["subnet-b"]]), old),)
        functions.append(_fn(f"fn{i}", subnets, mine, versions))
    n = len(functions)
    return Case(args=(cidr, functions),
                label=f"a random /{prefix} with {n} function{'s' if n > 1 else ''}")


#: How the learners in the two reserved-address misconceptions count ENIs (rightly).
_COUNT_ENIS = (
    "    enis = set()\n"
    "    for f in functions:\n"
    "        configs = [(f.subnet_ids, f.security_group_ids)]\n"
    "        configs += [(v.subnet_ids, v.security_group_ids) for v in f.published_versions]\n"
    "        for subnets, groups in configs:\n"
    f"            if {SUBNET!r} in subnets:\n"
    "                enis.add(frozenset(groups))\n"
)

_FREE_IPS_SOLUTION = f'''\
from lambdanet_edu import LambdaFunction


def free_ips(cidr, functions):
    prefix = int(cidr.split("/")[1])
    usable = 2 ** (32 - prefix) - {RESERVED_IPS_PER_SUBNET}  # AWS keeps the first four and the last

    # Every configuration in use: each function's current one and each published version's.
    configs = []
    for f in functions:
        configs.append((f.subnet_ids, f.security_group_ids))
        for v in f.published_versions:
            configs.append((v.subnet_ids, v.security_group_ids))

    # One Hyperplane ENI (one address) per security-group *set* used in {SUBNET}.
    enis = {{frozenset(groups) for subnets, groups in configs if "{SUBNET}" in subnets}}
    return usable - len(enis)
'''

FREE_IPS = Exercise(
    id="subnet-free-ips",
    title="Free addresses left in a subnet",
    statement=(
        f"Your subnet `{SUBNET}` has the IPv4 block `cidr`, a string such as "
        "`\"10.0.4.0/26\"`. `functions` is a list of `LambdaFunction`s in one account. Every one "
        f"lists `{SUBNET}` in `f.subnet_ids`; some use other subnets too, and some have published "
        "versions in `f.published_versions`, each with its own `subnet_ids` and "
        "`security_group_ids`.\n\n"
        "Write `free_ips(cidr, functions)`: return how many addresses of "
        f"`{SUBNET}` are still free once AWS has set aside the addresses it reserves and Lambda "
        "has placed today's Hyperplane ENIs there (one address each). Nothing else uses the "
        "subnet. The checks compare your answer with the model's `ip_usage` on many deployments."
    ),
    entry="free_ips",
    starter=(
        "from lambdanet_edu import LambdaFunction\n\n\n"
        "def free_ips(cidr, functions):\n"
        "    prefix = int(cidr.split(\"/\")[1])\n"
        "    total = 2 ** (32 - prefix)\n"
        "    # Which addresses can no ENI ever have? Which ENIs land in this subnet?\n"
        "    return total\n"
    ),
    solution=_FREE_IPS_SOLUTION,
    names=("LambdaFunction", "PublishedVersion"),
    hints=(
        "Start from the size of the block, 2 ** (32 - prefix). AWS keeps some addresses in every "
        "subnet, and it keeps more than the two classic networking books mention.",
        f"AWS reserves {RESERVED_IPS_PER_SUBNET} addresses: the first four and the last. Then "
        f"Lambda needs one address in {SUBNET} per distinct set of security groups among the "
        "configurations that include it, and a published version is a configuration too.",
        "Collect frozenset(groups) for each function and each of its published versions whose "
        f"subnet_ids include {SUBNET!r}; return 2 ** (32 - prefix) - {RESERVED_IPS_PER_SUBNET} "
        "minus the size of that set.",
    ),
    cases=(
        Case(args=("10.0.4.0/26", [_fn("api", [SUBNET], ["sg-app"]),
                                    _fn("worker", [SUBNET, "subnet-b"], ["sg-app"]),
                                    _fn("report", [SUBNET], ["sg-app"])]),
             label="a /26 with three functions sharing one security group"),
        Case(args=("10.0.5.0/27", [_fn("api", [SUBNET], ["sg-app", "sg-db"],
                                       versions=(([SUBNET], ["sg-app"]),)),
                                   _fn("worker", [SUBNET, "subnet-b"], ["sg-db", "sg-app"])]),
             label="a /27 where version 1 of api kept an older security-group list"),
        Case(args=("10.0.6.0/28", [_fn("api", [SUBNET, "subnet-b", "subnet-c"], ["sg-app"]),
                                   _fn("worker", [SUBNET], ["sg-worker"])]),
             label="a /28 with one function in three subnets and one in this subnet only"),
    ),
    misconceptions=(
        Misconception(
            key="forgot_reserved", name="Forgot the five reserved addresses",
            feedback=("Not every address of the block can go to an ENI: AWS keeps the first four "
                      "(network address, VPC router, DNS, future use) and the last one in every "
                      "subnet."),
            predict=lambda cidr, functions: _block(cidr) - _enis_here(functions),
            example=(
                "def free_ips(cidr, functions):\n"
                "    prefix = int(cidr.split('/')[1])\n"
                + _COUNT_ENIS +
                "    return 2 ** (32 - prefix) - len(enis)\n"),
        ),
        Misconception(
            key="reserved_two", name="Reserved only the network and broadcast addresses",
            feedback=("Classic networking loses two addresses per subnet, but AWS reserves "
                      f"{RESERVED_IPS_PER_SUBNET}: besides the network and broadcast addresses it "
                      "keeps the next three for the VPC router, the DNS server and future use."),
            predict=lambda cidr, functions: (
                _block(cidr) - _CLASSIC_RESERVED - _enis_here(functions)),
            example=(
                "def free_ips(cidr, functions):\n"
                "    prefix = int(cidr.split('/')[1])\n"
                "    usable = 2 ** (32 - prefix) - 2  # network and broadcast\n"
                + _COUNT_ENIS +
                "    return usable - len(enis)\n"),
        ),
        Misconception(
            key="one_per_function", name="Counted one IP per function",
            feedback=("Addresses follow Hyperplane ENIs, not functions: all the functions and "
                      "versions in a subnet that carry the same set of security groups share one "
                      "ENI, and a different set needs another one."),
            predict=lambda cidr, functions: (
                _block(cidr) - RESERVED_IPS_PER_SUBNET - len(functions)),
            example=(
                "def free_ips(cidr, functions):\n"
                "    prefix = int(cidr.split('/')[1])\n"
                f"    return 2 ** (32 - prefix) - {RESERVED_IPS_PER_SUBNET} - len(functions)\n"),
        ),
        Misconception(
            key="ignored_versions", name="Ignored the published versions",
            feedback=("A published version keeps the VPC configuration it was published with. If "
                      "its security groups differ from the function's current ones, it keeps its "
                      "own ENI, and its own address, alive."),
            predict=lambda cidr, functions: (
                _block(cidr) - RESERVED_IPS_PER_SUBNET - _enis_here(functions, versions=False)),
            example=(
                "def free_ips(cidr, functions):\n"
                "    prefix = int(cidr.split('/')[1])\n"
                f"    enis = {{frozenset(f.security_group_ids) for f in functions\n"
                f"            if {SUBNET!r} in f.subnet_ids}}\n"
                f"    return 2 ** (32 - prefix) - {RESERVED_IPS_PER_SUBNET} - len(enis)\n"),
        ),
    ),
    random_case=_random_deployment,
    success=("Usable addresses are the block minus the five AWS keeps, and Lambda takes one of "
             "them per security-group set in use there, by functions and versions alike, however "
             "many functions share it and however far they scale."),
)
