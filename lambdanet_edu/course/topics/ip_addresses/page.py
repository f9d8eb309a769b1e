"""Numbers, tables and worked examples for the page "IP addresses and subnets".

Every function takes no argument and returns Markdown computed by the model; the scenario inputs
(subnet sizes, peaks, memory) are chosen here, the results never typed. Functions whose name ends
in ``_tab`` are indented to sit inside a content tab (``=== "..."``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from ipaddress import IPv4Network

import lambdanet_edu as ln
from lambdanet_edu.facts import (
    CONNECTIONS_PER_HYPERPLANE_ENI,
    ENI_QUOTA_PER_VPC,
    ENI_QUOTA_PER_VPC_2023,
    SUBNET_MAX_PREFIX,
    SUBNET_MIN_PREFIX,
)
from lambdanet_edu.pictures import ip_usage_chart

__all__ = [
    "claim_table",
    "exhaust_24",
    "largest_subnet",
    "legacy_examples",
    "legacy_formula",
    "legacy_tab",
    "mb_per_gb",
    "models_chart",
    "models_chart_caption",
    "overflow_note",
    "prefix_table",
    "quota_example",
    "quota_failed_state",
    "reserved_table",
    "runs_out_example",
    "sharing_example",
    "simplifications",
    "smallest_subnet",
    "today_tab",
]

# Scenario inputs (our choices, not AWS facts).
SIDE_BY_SIDE_MEMORY_MB = 1536
SIDE_BY_SIDE_PEAKS = (10, 100, 400, 1200)
LEGACY_EXAMPLES = ((10, 1024), (100, 2048), (300, 512), (700, 1536))
EXHAUST_MEMORY_MB = 1536
OVERFLOW_CONNECTIONS = 150_000
QUOTA_FUNCTIONS = 200
QUOTA_SUBNETS = 3
#: How the model reads a GB in the pre-2019 formula (its legacy_rounding simplification).
MB_PER_GB = 2**10


def _tabbed(markdown: str) -> str:
    """Indent every line after the first, so a multi-line value stays inside a content tab."""
    return markdown.replace("\n", "\n    ")


def _table(header: tuple[str, ...], rows: Sequence[tuple[object, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _state(usage: ln.SubnetUsage) -> str:
    """"no", "**exhausted**", or "**exhausted**, N ENIs short" for a subnet's usage."""
    if not usage.exhausted:
        return "no"
    short = f", {_plural(usage.shortfall, 'ENI')} short" if usage.shortfall else ""
    return f"**exhausted**{short}"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" if n == 1 else f"{n:,} {word}s"


# --- one ENI per combination ----------------------------------------------------------------

def _ten_functions() -> list[ln.LambdaFunction]:
    return [ln.LambdaFunction(f"fn{i}", ("subnet-a",), ("sg-app",), memory_mb=1024)
            for i in range(10)]


def sharing_example() -> str:
    """Ten functions in one subnet with one security group share one ENI.

    Examples:
        >>> sharing_example()
        'Ten functions, all in `subnet-a` with the security group `sg-app`, get **1 Hyperplane...'
    """
    enis = ln.hyperplane_enis(_ten_functions())
    (eni,) = enis
    return (f"Ten functions, all in `subnet-a` with the security group `sg-app`, get "
            f"**{_plural(len(enis), 'Hyperplane ENI')}**, used by {len(eni.used_by)} functions, "
            f"and so take **{_plural(sum(e.ip_addresses for e in enis), 'address')}** from "
            "`subnet-a`. That stays true whether they run one execution environment or "
            "thousands, as long as their connections stay under the limit per ENI.")


# --- today versus before 2019 ---------------------------------------------------------------

def _side_by_side_rows() -> list[tuple[int, ln.IpModels]]:
    subnets = [ln.Subnet("subnet-a", IPv4Network("10.0.0.0/24")),
               ln.Subnet("subnet-b", IPv4Network("10.0.1.0/24"))]
    fn = ln.LambdaFunction("orders", ("subnet-a", "subnet-b"), ("sg-app",),
                           memory_mb=SIDE_BY_SIDE_MEMORY_MB)
    return [(peak, ln.compare_ip_models(subnets, [fn], peak_concurrency=peak)["subnet-a"])
            for peak in SIDE_BY_SIDE_PEAKS]


_SCENARIO = (f"One function, `orders`, with {SIDE_BY_SIDE_MEMORY_MB:,} MB of memory, attached to "
             "two /24 subnets (`subnet-a` and `subnet-b`) with one security group. The table "
             "shows `subnet-a`; `subnet-b` looks the same.")


def _chart_scenario() -> tuple[list[ln.Subnet], ln.LambdaFunction]:
    subnets = [ln.Subnet("subnet-a", IPv4Network("10.0.0.0/24")),
               ln.Subnet("subnet-b", IPv4Network("10.0.1.0/24"))]
    fn = ln.LambdaFunction("orders", ("subnet-a", "subnet-b"), ("sg-app",),
                           memory_mb=SIDE_BY_SIDE_MEMORY_MB)
    return subnets, fn


def models_chart() -> str:
    """The side-by-side scenario as a chart: subnet-a's addresses as the peak grows.

    Examples:
        >>> models_chart().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
        True
    """
    subnets, fn = _chart_scenario()
    return ip_usage_chart(subnets, [fn], max_concurrency=max(SIDE_BY_SIDE_PEAKS),
                          id="models-chart")


def chart_runs_out_at() -> int | None:
    """The peak at which the chart's subnet-a runs out under the pre-2019 rule (None: never).

    Examples:
        >>> chart_runs_out_at()
        1005
    """
    subnets, fn = _chart_scenario()
    for peak in range(max(SIDE_BY_SIDE_PEAKS) + 1):
        usage = ln.ip_usage(subnets, [fn], model="legacy", peak_concurrency=peak)["subnet-a"]
        if usage.shortfall > 0:
            return peak
    return None


def models_chart_caption() -> str:
    """The chart's assumptions, stated under it.

    Examples:
        >>> models_chart_caption().startswith("*The chart:* `orders`")
        True
    """
    subnets, fn = _chart_scenario()
    usable = subnets[0].usable_ips
    crossing = chart_runs_out_at()
    where = ("never runs out within the chart" if crossing is None
             else f"runs out at **{crossing:,}**")
    return (f"*The chart:* `orders` with {fn.memory_mb:,} MB in **{len(subnets)}** /24 subnets "
            f"with one security group; it shows `subnet-a` ({usable:,} usable addresses) and no "
            f"other network interfaces. The pre-2019 rule's ENIs are spread evenly over the "
            f"{len(subnets)} subnets, so `subnet-a` takes about half of them, and it {where}: "
            "later than a function alone in one /24, because the other subnet takes the rest.")


def today_tab() -> str:
    """Today's column of the side-by-side scenario (indented for a content tab).

    Examples:
        >>> today_tab().splitlines()[0]
        'One function, `orders`, with 1,536 MB of memory, attached to two /24 subnets (`subnet...'
    """
    rows = [(peak, row.hyperplane.lambda_enis, row.hyperplane.free)
            for peak, row in _side_by_side_rows()]
    table = _table(("Peak concurrency", "Addresses Lambda needs in subnet-a", "Free addresses"),
                   rows)
    return _tabbed(f"{_SCENARIO}\n\n{table}")


def legacy_tab() -> str:
    """The pre-2019 column of the same scenario (indented for a content tab).

    Examples:
        >>> legacy_tab().splitlines()[0]
        'One function, `orders`, with 1,536 MB of memory, attached to two /24 subnets (`subnet...'
    """
    rows = [(peak, row.legacy.lambda_enis, row.legacy.free, _state(row.legacy))
            for peak, row in _side_by_side_rows()]
    table = _table(("Peak concurrency", "Addresses Lambda needs in subnet-a", "Free addresses",
                    "Exhausted?"), rows)
    return _tabbed(f"{_SCENARIO}\n\n{table}")


def legacy_formula() -> str:
    """The pre-2019 sizing formula as AWS wrote it, its "3 GB" derived from the model's fact.

    Examples:
        >>> legacy_formula()
        'peak concurrent executions ... (memory in GB ... 3 GB)'
    """
    gb = ln.FACTS["legacy_eni_memory_mb"].value // MB_PER_GB
    return f"peak concurrent executions × (memory in GB ÷ {gb} GB)"  # noqa: RUF001 - the multiplication sign, as AWS wrote the formula


def mb_per_gb() -> str:
    """How many MB the model counts in a GB of the pre-2019 formula.

    Examples:
        >>> mb_per_gb()
        '1,024'
    """
    gb = ln.FACTS["legacy_eni_memory_mb"].value // (ln.FACTS["legacy_eni_memory_mb"].value
                                                     // MB_PER_GB)
    return f"{gb:,}"


def legacy_examples() -> str:
    """The pre-2019 formula on a few inputs.

    Examples:
        >>> legacy_examples().splitlines()[0]
        '| Peak concurrency | Memory | Formula | ENIs (addresses) |'
    """
    rows = []
    for peak, memory in LEGACY_EXAMPLES:
        exact = peak * memory / ln.FACTS["legacy_eni_memory_mb"].value
        rows.append((peak, f"{memory:,} MB", f"{exact:,.2f}".rstrip("0").rstrip("."),
                     ln.legacy_eni_count(peak, memory)))
    return _table(("Peak concurrency", "Memory", "Formula", "ENIs (addresses)"), rows)


def _largest_peak(cidr: str, memory_mb: int) -> int:
    """The highest peak one function can reach before it needs more ENIs than the subnet has."""
    usable = ln.usable_ips(cidr)
    peak = 0
    while ln.legacy_eni_count(peak + 1, memory_mb) <= usable:
        peak += 1
    return peak


def exhaust_24() -> str:
    """The peak concurrency at which one function outgrows a /24 under the pre-2019 rule.

    Examples:
        >>> exhaust_24()
        'a single function with 1,536 MB, alone in one /24 subnet, could reach a peak of only...'
    """
    cidr = "10.0.0.0/24"
    peak = _largest_peak(cidr, EXHAUST_MEMORY_MB)
    usable = ln.usable_ips(cidr)
    return (f"a single function with {EXHAUST_MEMORY_MB:,} MB, alone in one /24 subnet, could "
            f"reach a peak of only **{peak:,} concurrent executions**: at {peak + 1:,} it needs "
            f"{ln.legacy_eni_count(peak + 1, EXHAUST_MEMORY_MB):,} ENIs and the subnet has "
            f"{usable:,} usable addresses")


# --- the "one IP per function" claim --------------------------------------------------------

def _claims() -> list[tuple[str, int, int]]:
    own = [ln.LambdaFunction(n, ("subnet-a",), (f"sg-{n}",)) for n in ("api", "worker", "report")]
    shared = [ln.LambdaFunction(n, ("subnet-a",), ("sg-app",)) for n in ("api", "worker", "report")]
    spread = ln.LambdaFunction("api", ("subnet-a", "subnet-b", "subnet-c"), ("sg-app",))
    versioned = replace(ln.LambdaFunction("api", ("subnet-a",), ("sg-old",)).publish(),
                        security_group_ids=("sg-new",))
    busy = ln.LambdaFunction("api", ("subnet-a",), ("sg-app",))
    return [
        ("Three functions, each with its own security group, in one subnet", 3,
         len(ln.hyperplane_enis(own))),
        ("Three functions sharing one security group in one subnet", 3,
         len(ln.hyperplane_enis(shared))),
        ("One function in three subnets", 1, len(ln.hyperplane_enis([spread]))),
        ("One function whose version 1 was published with an older security group", 1,
         len(ln.hyperplane_enis([versioned]))),
        (f"One function in one subnet carrying {OVERFLOW_CONNECTIONS:,} connections", 1,
         len(ln.hyperplane_enis([busy], connections={"api": OVERFLOW_CONNECTIONS}))),
    ]


def claim_table() -> str:
    """What "one IP per function" predicts against what the model counts.

    Examples:
        >>> claim_table().splitlines()[0]
        '| Deployment | "One IP per function" says | The model counts | Reality |'
    """
    rows = [(what, claim, model, "holds" if claim == model else
             ("fewer" if model < claim else "**more**"))
            for what, claim, model in _claims()]
    return _table(("Deployment", "\"One IP per function\" says", "The model counts",
                   "Reality"), rows)


# --- reserved addresses and subnet sizes ----------------------------------------------------

def reserved_table() -> str:
    """The five addresses AWS keeps in 10.0.0.0/24, with the model's reason for each.

    Examples:
        >>> reserved_table().splitlines()[0]
        '| Address | Why AWS keeps it |'
    """
    subnet = ln.Subnet("subnet-a", IPv4Network("10.0.0.0/24"))
    rows = [(f"`{r.address}`", r.purpose[0].upper() + r.purpose[1:])
            for r in subnet.reserved_addresses]
    return _table(("Address", "Why AWS keeps it"), rows)


def prefix_table() -> str:
    """Usable addresses for a range of subnet sizes.

    Examples:
        >>> prefix_table().splitlines()[0]
        '| Prefix | Addresses in the block | Usable for ENIs |'
    """
    prefixes = (SUBNET_MAX_PREFIX, 27, 26, 25, 24, 23, 22, 20, SUBNET_MIN_PREFIX)
    rows = []
    for p in prefixes:
        subnet = ln.Subnet("subnet-a", IPv4Network(f"10.0.0.0/{p}"))
        rows.append((f"/{p}", subnet.total_ips, subnet.usable_ips))
    return _table(("Prefix", "Addresses in the block", "Usable for ENIs"), rows)


def smallest_subnet() -> str:
    """Usable addresses of the smallest subnet AWS allows.

    Examples:
        >>> smallest_subnet()
        '11'
    """
    return f"{ln.usable_ips(f'10.0.0.0/{SUBNET_MAX_PREFIX}'):,}"


def largest_subnet() -> str:
    """Usable addresses of the largest subnet AWS allows.

    Examples:
        >>> largest_subnet()
        '65,531'
    """
    return f"{ln.usable_ips(f'10.0.0.0/{SUBNET_MIN_PREFIX}'):,}"


# --- how a subnet runs out ------------------------------------------------------------------

def _crowded() -> tuple[list[ln.Subnet], list[ln.LambdaFunction], dict[str, int]]:
    subnets = [ln.Subnet("subnet-a", IPv4Network("10.0.0.0/27")),
               ln.Subnet("subnet-b", IPv4Network("10.0.0.32/27"))]
    functions = [
        ln.LambdaFunction("api", ("subnet-a", "subnet-b"), ("sg-app",), memory_mb=1024),
        ln.LambdaFunction("worker", ("subnet-a", "subnet-b"), ("sg-app",), memory_mb=1024),
        ln.LambdaFunction("report", ("subnet-a", "subnet-b"), ("sg-report",), memory_mb=1024),
    ]
    # An RDS instance and four interface endpoints (SQS, Secrets Manager, STS, KMS) per subnet.
    return subnets, functions, {"subnet-a": 5, "subnet-b": 5}


def runs_out_example() -> str:
    """A small subnet shared with a database and interface endpoints, under both rules.

    Examples:
        >>> runs_out_example().splitlines()[0]
        "Three functions with 1,024 MB (`api` and `worker` share `sg-app`, `report` has `sg-re..."
    """
    subnets, functions, others = _crowded()
    peaks = (10, 40, 60)
    rows = []
    today = ln.ip_usage(subnets, functions, others)["subnet-a"]
    rows.append(("Today, any peak", today.lambda_ips, today.other_ips, today.free,
                 _state(today)))
    for peak in peaks:
        old = ln.ip_usage(subnets, functions, others, model="legacy",
                          peak_concurrency=peak)["subnet-a"]
        rows.append((f"Before 2019, peak {peak:,} per function", old.lambda_ips, old.other_ips,
                     old.free, _state(old)))
    usable = subnets[0].usable_ips
    intro = (f"Three functions with 1,024 MB (`api` and `worker` share `sg-app`, `report` has "
             f"`sg-report`) in two /27 subnets ({usable:,} usable addresses each). Each subnet "
             "also holds a database instance and four interface endpoints, so the call is "
             f"`ip_usage(subnets, functions, other_enis={others!r})`. Here is `subnet-a`:")
    table = _table(("Rule", "Lambda needs", "Other ENIs", "Free", "Exhausted?"), rows)
    return f"{intro}\n\n{table}\n\nToday's row, as `ip_usage` prints it: `{today}`"


# --- the quota ------------------------------------------------------------------------------

def quota_example() -> str:
    """Many functions, each with its own security group, against the per-VPC ENI quota.

    Examples:
        >>> quota_example().splitlines()[0]
        'Take 200 functions, each with its own security group, all in the same 3 subnets: that...'
    """
    subnets = tuple(f"subnet-{c}" for c in "abc")[:QUOTA_SUBNETS]
    functions = [ln.LambdaFunction(f"fn{i}", subnets, (f"sg-{i}",)) for i in range(QUOTA_FUNCTIONS)]
    try:
        ln.hyperplane_enis(functions)
    except ln.QuotaExceeded as err:
        message, needed = str(err), err.needed
    else:  # pragma: no cover - the scenario is chosen to exceed the quota
        raise AssertionError("the quota example must exceed the quota")
    shared = [replace(f, security_group_ids=("sg-shared",)) for f in functions]
    fit_now = ENI_QUOTA_PER_VPC // QUOTA_SUBNETS
    fit_then = ENI_QUOTA_PER_VPC_2023 // QUOTA_SUBNETS
    return (f"Take {QUOTA_FUNCTIONS:,} functions, each with its own security group, all in the "
            f"same {QUOTA_SUBNETS} subnets: that is {QUOTA_FUNCTIONS:,} × {QUOTA_SUBNETS} = "  # noqa: RUF001 - a multiplication
            f"**{needed:,} combinations**, so {needed:,} Hyperplane ENIs. The model refuses the "
            f"deployment:\n\n```text\nQuotaExceeded: {message}\n```\n\n"
            f"At most **{fit_now:,}** such functions fit under today's default quota, and "
            f"**{fit_then:,}** under the older one. Give them a shared security group and the "
            f"same {QUOTA_FUNCTIONS:,} functions need only "
            f"{_plural(len(ln.hyperplane_enis(shared)), 'ENI')}.")


def quota_failed_state() -> str:
    """What a create past the quota ends in, by :func:`lambdanet_edu.create_function_state`.

    Examples:
        >>> quota_failed_state().startswith("Create `orders`")
        True
    """
    fn = ln.LambdaFunction("orders", ("subnet-private-a", "subnet-private-b"), ("sg-lambda",))
    existing = ENI_QUOTA_PER_VPC - 1
    outcome = ln.create_function_state(fn, ln.starter_vpc(), existing_hyperplane_enis=existing)
    full = ln.create_function_state(
        fn, ln.starter_vpc(), other_enis={"subnet-private-a": ln.usable_ips("10.0.1.0/24")})
    return (f"Create `orders` (two subnets, so two new ENIs) in a VPC that already has "
            f"{existing:,} Lambda Hyperplane ENIs, and the model answers `{outcome.state}`, "
            f"`{outcome.reason_code}`:\n\n```text\n{outcome.explanation}\n```\n\n"
            f"A full subnet ends the same way with `{full.reason_code}`.")


# --- what the model simplifies --------------------------------------------------------------

_SIMPLIFIED = ("one_ip_per_eni", "overflow_enis", "legacy_rounding", "legacy_spread")


def simplifications() -> str:
    """The model's simplifications that this page's numbers rest on, in its own words.

    Examples:
        >>> simplifications().splitlines()[0]
        '- `one_ip_per_eni`: Each ENI Lambda creates (a Hyperplane ENI today, a per-environmen...'
    """
    return "\n".join(f"- `{key}`: {ln.SIMPLIFICATIONS[key].text}" for key in _SIMPLIFIED)


def overflow_note() -> str:
    """How many ENIs one busy combination gets past the per-ENI connection figure.

    Examples:
        >>> overflow_note()
        '150,000 connections through one combination need 3 ENIs in the model (at most 65,000...'
    """
    fn = ln.LambdaFunction("api", ("subnet-a",), ("sg-app",))
    enis = ln.hyperplane_enis([fn], connections={"api": OVERFLOW_CONNECTIONS})
    return (f"{OVERFLOW_CONNECTIONS:,} connections through one combination need "
            f"{_plural(len(enis), 'ENI')} in the model (at most "
            f"{CONNECTIONS_PER_HYPERPLANE_ENI:,} each)")
