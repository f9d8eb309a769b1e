"""Exercises for the page "IP addresses and subnets"."""

from __future__ import annotations

import math
import random

from lambdanet_edu.exercises.grading import Case, Exercise, Misconception
from lambdanet_edu.facts import (
    LEGACY_ENI_MEMORY_MB,
    LEGACY_MAX_MEMORY_MB,
    MIN_MEMORY_MB,
    RESERVED_IPS_PER_SUBNET,
)
from lambdanet_edu.functions import LambdaFunction, PublishedVersion

__all__ = ["EXERCISES"]

#: The subnet whose free addresses the learner counts in ``subnet-free-ips``.
SUBNET = "subnet-a"
#: Binary megabytes per gigabyte, as the model reads the pre-2019 formula (see legacy_rounding).
_MB_PER_GB = 2**10
#: The "3 GB" of the pre-2019 formula, in GB.
_GB_PER_LEGACY_ENI = LEGACY_ENI_MEMORY_MB // _MB_PER_GB
#: A decimal thousand: what a learner who reads a GB as 1,000 MB divides by.
_DECIMAL_MB_PER_GB = 10**3
#: The two addresses a learner used to classic networking expects to lose: network, broadcast.
_CLASSIC_RESERVED = 2


# --- subnet-free-ips ------------------------------------------------------------------------

def _block(cidr: str) -> int:
    return 2 ** (32 - int(cidr.split("/")[1]))


def _configs(functions: list[LambdaFunction], *, versions: bool = True):
    for f in functions:
        yield f.subnet_ids, f.security_group_ids
        if versions:
            for v in f.published_versions:
                yield v.subnet_ids, v.security_group_ids


def _enis_here(functions: list[LambdaFunction], *, versions: bool = True) -> int:
    return len({frozenset(groups) for subnets, groups in _configs(functions, versions=versions)
                if SUBNET in subnets})


def _fn(name: str, subnets: list[str], groups: list[str],
        versions: tuple[tuple[list[str], list[str]], ...] = ()) -> LambdaFunction:
    return LambdaFunction(name, subnets, groups, published_versions=tuple(
        PublishedVersion(i, s, g) for i, (s, g) in enumerate(versions, start=1)))


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


# --- legacy-eni-formula ---------------------------------------------------------------------

def _random_legacy(rng: random.Random) -> Case:
    peak = rng.randint(0, 3000)
    memory = rng.randint(MIN_MEMORY_MB, LEGACY_MAX_MEMORY_MB)
    return Case(args=(peak, memory),
                label=f"a peak of {peak:,} concurrent executions at {memory:,} MB")


def _legacy(peak: int, memory_mb: int) -> int:
    return -(-peak * memory_mb // LEGACY_ENI_MEMORY_MB)


LEGACY_IPS = Exercise(
    id="legacy-eni-formula",
    title="Addresses before 2019",
    statement=(
        "Before Hyperplane ENIs, AWS told you to size subnets with this formula: "
        f"ENIs = peak concurrent executions × (memory in GB ÷ {_GB_PER_LEGACY_ENI} GB), and each "
        "ENI took one address.\n\n"
        "Write `legacy_ips(peak_concurrency, memory_mb)`: return the whole number of addresses "
        "one function needed. AWS gave no worked example, so follow the model's reading: a GB is "
        f"{_MB_PER_GB:,} MB, and a fraction of an ENI still needs a whole ENI. The checks compare "
        "your answer with the model's `legacy_eni_count`."
    ),
    entry="legacy_ips",
    starter=(
        "import math\n\n\n"
        "def legacy_ips(peak_concurrency, memory_mb):\n"
        f"    # peak x (memory in GB / {_GB_PER_LEGACY_ENI} GB) ... and memory_mb is in MB\n"
        "    return 0\n"
    ),
    solution=(
        "import math\n\n\n"
        "def legacy_ips(peak_concurrency, memory_mb):\n"
        f"    # {_GB_PER_LEGACY_ENI} GB = {_GB_PER_LEGACY_ENI} x {_MB_PER_GB:,} MB = "
        f"{LEGACY_ENI_MEMORY_MB:,} MB. Multiply first, then divide,\n"
        "    # and round up: part of an ENI is still a whole ENI.\n"
        f"    return math.ceil(peak_concurrency * memory_mb / {LEGACY_ENI_MEMORY_MB})\n"
    ),
    hints=(
        f"Memory divided by {_GB_PER_LEGACY_ENI} GB is the share of an ENI each concurrent "
        "execution needed; multiply it by the peak.",
        f"Work in MB: {_GB_PER_LEGACY_ENI} GB is {_GB_PER_LEGACY_ENI} x {_MB_PER_GB:,} MB. "
        "Then round up, not down: 3.4 ENIs means 4 ENIs.",
        f"return math.ceil(peak_concurrency * memory_mb / {LEGACY_ENI_MEMORY_MB})",
    ),
    cases=(
        Case(args=(10, 1024), label="a peak of 10 concurrent executions at 1,024 MB"),
        Case(args=(300, 1024), label="a peak of 300 concurrent executions at 1,024 MB"),
        Case(args=(700, 1536), label="a peak of 700 concurrent executions at 1,536 MB"),
        Case(args=(5, 128), label="a peak of 5 concurrent executions at 128 MB"),
    ),
    misconceptions=(
        Misconception(
            key="rounded_down", name="Rounded down",
            feedback=("An ENI cannot be split: if the formula gives 3.3, the function needed a "
                      "fourth ENI for the last third. Round up."),
            predict=lambda peak, memory_mb: peak * memory_mb // LEGACY_ENI_MEMORY_MB,
            example=(
                "def legacy_ips(peak_concurrency, memory_mb):\n"
                f"    return peak_concurrency * memory_mb // {LEGACY_ENI_MEMORY_MB}\n"),
        ),
        Misconception(
            key="ignored_memory", name="Counted one ENI per concurrent execution",
            feedback=("The old rule scaled with memory as well as concurrency: it counts one ENI "
                      f"per {_GB_PER_LEGACY_ENI} GB of memory running at the peak, so a small "
                      "function needed far fewer ENIs than its peak concurrency."),
            predict=lambda peak, memory_mb: peak,
            example="def legacy_ips(peak_concurrency, memory_mb):\n    return peak_concurrency\n",
        ),
        Misconception(
            key="decimal_gb", name="Read a GB as a thousand MB",
            feedback=("Lambda memory is set in binary megabytes, and the model reads the formula "
                      f"the same way: a GB is {_MB_PER_GB:,} MB, so {_GB_PER_LEGACY_ENI} GB is "
                      f"{LEGACY_ENI_MEMORY_MB:,} MB."),
            predict=lambda peak, memory_mb: math.ceil(
                peak * memory_mb / (_GB_PER_LEGACY_ENI * _DECIMAL_MB_PER_GB)),
            example=(
                "import math\n\n\n"
                "def legacy_ips(peak_concurrency, memory_mb):\n"
                "    # 3 GB = 3,000 MB\n"
                "    return math.ceil(peak_concurrency * memory_mb / 3000)\n"),
        ),
    ),
    random_case=_random_legacy,
    success=(f"Peak concurrency times memory over {_GB_PER_LEGACY_ENI} GB, rounded up: before "
             "2019 addresses grew with every new execution environment, which is why subnets "
             "really did run dry."),
)

EXERCISES: tuple[Exercise, ...] = (LEGACY_IPS, FREE_IPS)
