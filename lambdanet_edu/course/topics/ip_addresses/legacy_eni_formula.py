"""The exercise ``legacy-eni-formula``: the addresses a function needed under the pre-2019 rule."""

from __future__ import annotations

import math
import random

from lambdanet_edu.course.grading import Case, Exercise, Misconception
from lambdanet_edu.facts import LEGACY_ENI_MEMORY_MB, LEGACY_MAX_MEMORY_MB, MIN_MEMORY_MB

__all__ = ["LEGACY_IPS"]

#: Binary megabytes per gigabyte, as the model reads the pre-2019 formula (see legacy_rounding).
_MB_PER_GB = 2**10
#: The "3 GB" of the pre-2019 formula, in GB.
_GB_PER_LEGACY_ENI = LEGACY_ENI_MEMORY_MB // _MB_PER_GB
#: A decimal thousand: what a learner who reads a GB as 1,000 MB divides by.
_DECIMAL_MB_PER_GB = 10**3


def _random_legacy(rng: random.Random) -> Case:
    peak = rng.randint(0, 3000)
    memory = rng.randint(MIN_MEMORY_MB, LEGACY_MAX_MEMORY_MB)
    return Case(args=(peak, memory),
                label=f"a peak of {peak:,} concurrent executions at {memory:,} MB")


LEGACY_IPS = Exercise(
    id="legacy-eni-formula",
    title="Addresses before 2019",
    statement=(
        "Before Hyperplane ENIs, AWS told you to size subnets with this formula: "
        f"ENIs = peak concurrent executions × (memory in GB ÷ {_GB_PER_LEGACY_ENI} GB), and each "  # noqa: RUF001 - the multiplication sign, as AWS wrote the formula
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
            feedback=("An ENI cannot be split, so the model rounds up: if the formula gives "
                      "3.3, the function needed a fourth ENI for the last third."),
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
            feedback=(f"AWS never said whether its GB meant {_DECIMAL_MB_PER_GB:,} or "
                      f"{_MB_PER_GB:,} MB. The model, as the statement says, reads it as "
                      f"{_MB_PER_GB:,} MB, so {_GB_PER_LEGACY_ENI} GB is "
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
             "2019 addresses grew with concurrency and memory, which is why subnets really did "
             "run dry."),
)
