"""The quiz for "IP addresses and subnets": reserved addresses, shared ENIs, the pre-2019 rule.

Examples:
    >>> [q.id for q in QUIZ.questions]
    ['usable-addresses', 'shared-enis', 'legacy-enis', 'router-address', 'what-adds-addresses',
     'free-after-enis']
"""

from __future__ import annotations

from ipaddress import IPv4Network

from lambdanet_edu import Subnet, usable_ips
from lambdanet_edu.addresses import legacy_eni_count
from lambdanet_edu.course.quizzes.format import Choice, Misconception, Parts, Question, Quiz
from lambdanet_edu.enis import hyperplane_enis
from lambdanet_edu.facts import (
    CONNECTIONS_PER_HYPERPLANE_ENI,
    LEGACY_ENI_MEMORY_MB,
    RESERVED_IPS_PER_SUBNET,
)
from lambdanet_edu.functions import LambdaFunction

__all__ = ["QUIZ"]

#: The old formula's divisor in GB (the model reads 1 GB as 1,024 MB).
_LEGACY_GB = LEGACY_ENI_MEMORY_MB // 2**10
#: Addresses classic networking loses per subnet (network and broadcast), a common wrong count.
_CLASSIC_RESERVED = 2


def _block(cidr: str) -> int:
    return Subnet("subnet-a", IPv4Network(cidr)).total_ips


def _subnet_ids(count: int) -> tuple[str, ...]:
    return tuple(f"subnet-{letter}" for letter in "abcdefgh"[:count])


FORGOT_RESERVED = Misconception(
    name="Forgot the five reserved addresses",
    explanation=(f"AWS keeps {RESERVED_IPS_PER_SUBNET} addresses of every subnet: the first four "
                 "(network address, VPC router, DNS, future use) and the last one."),
    predict=lambda cidr: _block(cidr))


def _usable(cidr: str) -> Parts:
    return Parts(
        prompt=f"How many addresses of the subnet `{cidr}` can ENIs (Lambda's or any other) use?",
        answer=usable_ips(cidr),
        explanation=(f"`{cidr}` holds {_block(cidr):,} addresses and AWS keeps "
                     f"{RESERVED_IPS_PER_SUBNET} of them, so {usable_ips(cidr):,} are usable."))


USABLE = Question(
    id="usable-addresses", kind="number", scenario=_usable, unit="addresses",
    variants=({"cidr": "10.0.8.0/24"}, {"cidr": "10.0.16.0/26"}, {"cidr": "10.0.32.0/22"},
              {"cidr": "10.0.48.0/28"}),
    misconceptions=(
        FORGOT_RESERVED,
        Misconception(
            name="Reserved only the network and broadcast addresses",
            explanation=("Classic networking loses two addresses per subnet; AWS also keeps the "
                         "next three for the VPC router, the DNS server and future use."),
            predict=lambda cidr: _block(cidr) - _CLASSIC_RESERVED),
    ))


def _functions(count: int, subnets: int) -> list[LambdaFunction]:
    return [LambdaFunction(f"fn{i}", _subnet_ids(subnets), ("sg-app",)) for i in range(count)]


def _shared(count: int, subnets: int, concurrency: int) -> Parts:
    enis = hyperplane_enis(_functions(count, subnets))
    ips = sum(eni.ip_addresses for eni in enis)
    return Parts(
        prompt=(f"{count} functions in one account each list the same {subnets} subnets and the "
                f"same security group `sg-app`. Each scales to {concurrency:,} concurrent "
                "executions. How many addresses do their Hyperplane ENIs take, in all subnets "
                "together?"),
        answer=ips,
        explanation=(f"One ENI per subnet and security-group set, shared by every function of the "
                     f"account that uses them: {len(enis)} ENIs, one address each, whatever the "
                     "number of functions or their concurrency."))


SHARED = Question(
    id="shared-enis", kind="number", scenario=_shared, unit="addresses",
    variants=({"count": 12, "subnets": 2, "concurrency": 400},
              {"count": 5, "subnets": 3, "concurrency": 900},
              {"count": 20, "subnets": 2, "concurrency": 150}),
    misconceptions=(
        Misconception(
            name="Counted one IP per function",
            explanation=("Addresses follow ENIs, not functions: functions with the same subnet "
                         "and security groups share one ENI there."),
            predict=lambda count, subnets, concurrency: count),
        Misconception(
            name="Counted one ENI per function and subnet",
            explanation=("Each function does use one ENI per subnet it lists, but it shares that "
                         "ENI with every other function that has the same security groups."),
            predict=lambda count, subnets, concurrency: count * subnets),
        Misconception(
            name="Counted one address per execution environment",
            explanation=("That was the rule before 2019. Today an ENI carries the traffic of every "
                         "execution environment that uses it, so concurrency adds no addresses."),
            predict=lambda count, subnets, concurrency: count * concurrency),
    ))


def _legacy(peak: int, memory_mb: int) -> Parts:
    enis = legacy_eni_count(peak, memory_mb)
    return Parts(
        prompt=(f"Before 2019, AWS sized a function's ENIs as peak concurrent executions x "
                f"(memory in GB / {_LEGACY_GB} GB). How many ENIs did a function with "
                f"{memory_mb:,} MB of memory need at a peak of {peak:,} concurrent executions?"),
        answer=enis,
        explanation=(f"{peak:,} x {memory_mb:,} / {LEGACY_ENI_MEMORY_MB:,} = "
                     f"{peak * memory_mb / LEGACY_ENI_MEMORY_MB:,.2f}, rounded up to {enis:,}: a "
                     "part of an ENI is still a whole ENI (the model's reading; AWS gave no worked "
                     "example)."))


LEGACY = Question(
    id="legacy-enis", kind="number", scenario=_legacy, unit="ENIs",
    variants=({"peak": 700, "memory_mb": 512}, {"peak": 1300, "memory_mb": 2048},
              {"peak": 450, "memory_mb": 1792}),
    misconceptions=(
        Misconception(
            name="Rounded down",
            explanation="A function cannot use part of an ENI: the formula is rounded up.",
            predict=lambda peak, memory_mb: peak * memory_mb // LEGACY_ENI_MEMORY_MB),
        Misconception(
            name="Counted one ENI per concurrent execution",
            explanation=(f"The formula scales the peak by memory / {_LEGACY_GB} GB: "
                         f"environments with less than {_LEGACY_GB} GB shared an ENI."),
            predict=lambda peak, memory_mb: peak),
    ))


def _router(cidr: str) -> Parts:
    subnet = Subnet("subnet-a", IPv4Network(cidr))
    return Parts(
        prompt=f"Which address of the subnet `{cidr}` does the VPC router take?",
        answer=subnet.reserved_addresses[1].address,
        explanation=(f"AWS keeps the first four addresses and the last: the network address "
                     f"`{subnet.reserved_addresses[0].address}`, then the VPC router at the next "
                     f"one, `{subnet.reserved_addresses[1].address}`."))


ROUTER = Question(
    id="router-address", kind="address", scenario=_router,
    variants=({"cidr": "10.0.8.0/24"}, {"cidr": "172.16.4.0/22"}, {"cidr": "10.1.32.0/20"}),
    misconceptions=(
        Misconception(
            name="Picked the network address",
            explanation=("The first address names the subnet itself; the router takes the one "
                         "after it."),
            predict=lambda cidr: Subnet("subnet-a", cidr).cidr.network_address),
        Misconception(
            name="Picked the broadcast address",
            explanation=("AWS reserves the last address because a VPC has no broadcast; the "
                         "router takes the second address."),
            predict=lambda cidr: Subnet("subnet-a", cidr).cidr.broadcast_address),
    ))


def _what_adds() -> Parts:
    return Parts(
        prompt=("Functions run in a subnet today, each ENI well under "
                f"{CONNECTIONS_PER_HYPERPLANE_ENI:,} connections. Which change makes Lambda take "
                "**more** addresses in that subnet?"),
        choices=(
            Choice(text="A new function there with a security-group set no other function uses",
                   correct=True,
                   explanation="A new subnet and security-group pair needs a new ENI."),
            Choice(text="Ten more functions with the same subnets and security groups",
                   misconception="Counted one IP per function",
                   explanation="They share the ENIs that already exist for that pair."),
            Choice(text="The functions' concurrency doubling",
                   misconception="Thought addresses grow with concurrency",
                   explanation=("That was the rule before 2019. Today one ENI carries the "
                                "traffic of every environment, up to its connection limit.")),
            Choice(text="Giving every function more memory",
                   misconception="Applied the pre-2019 memory formula",
                   explanation=("Memory mattered only to the old formula; a Hyperplane ENI is the "
                                "same whatever the memory.")),
        ),
        explanation=("Addresses follow ENIs, and ENIs follow subnet and security-group pairs: only "
                     "a new pair (or traffic past an ENI's connection limit) adds one."))


WHAT_ADDS = Question(id="what-adds-addresses", kind="single", scenario=_what_adds)


def _free_code(cidr: str, count: int) -> str:
    return ("import lambdanet_edu as ln\n\n"
            f'subnets = [ln.Subnet("subnet-a", "{cidr}")]\n'
            f'functions = [ln.LambdaFunction(f"fn{{i}}", ["subnet-a"], ["sg-app"])\n'
            f"             for i in range({count})]\n"
            'ln.ip_usage(subnets, functions)["subnet-a"].free\n')


def _free(cidr: str, count: int) -> Parts:
    return Parts(
        prompt="What does this code give: how many addresses are still free in the subnet?",
        code=_free_code(cidr, count),
        explanation=(f"`{cidr}` has {usable_ips(cidr):,} usable addresses; the {count} functions "
                     "share one ENI (same subnet, same security group), so [[answer]] stay free."))


FREE = Question(
    id="free-after-enis", kind="predict", answer_input="number", scenario=_free,
    unit="addresses",
    variants=({"cidr": "10.0.4.0/26", "count": 30}, {"cidr": "10.0.5.0/27", "count": 20},
              {"cidr": "10.0.6.0/28", "count": 8}),
    misconceptions=(
        Misconception(
            name="Counted one IP per function",
            explanation="The functions share one ENI: same subnet, same security group.",
            predict=lambda cidr, count: usable_ips(cidr) - count),
        Misconception(
            name="Forgot the five reserved addresses",
            explanation=FORGOT_RESERVED.explanation,
            predict=lambda cidr, count: _block(cidr) - len(
                hyperplane_enis(_functions(count, 1)))),
    ))

#: The page's quiz.
QUIZ = Quiz(id="ip-addresses", title="IP addresses and subnets",
            questions=(USABLE, SHARED, LEGACY, ROUTER, WHAT_ADDS, FREE))
