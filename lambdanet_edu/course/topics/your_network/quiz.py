"""The quiz for "Your network": reading an account's own description.

Examples:
    >>> [q.id for q in QUIZ.questions]
    ['what-the-reader-needs', 'more-enis-than-expected', 'one-subnet-fails', 'sample-enis']
"""

from __future__ import annotations

from lambdanet_edu import can_reach, hyperplane_enis
from lambdanet_edu.aws import SAMPLE_VPC_ID, load_inventory, sample_account
from lambdanet_edu.course.quizzes.format import Choice, Misconception, Parts, Question, Quiz

__all__ = ["QUIZ"]


def _what_the_reader_needs() -> Parts:
    return Parts(
        prompt="What does the page need to check your network?",
        choices=(
            Choice(text="The JSON that read-only `describe` and `list` commands print",
                   correct=True,
                   explanation="They describe the network; none of them changes anything."),
            Choice(text="Access keys for your account",
                   misconception="Thought the page connects to AWS",
                   explanation=("The page never calls AWS: you run the commands, and Python in "
                                "your browser reads their output.")),
            Choice(text="Your functions' code",
                   misconception="Thought the code decides where traffic goes",
                   explanation=("Routes, gateways, endpoints, security groups and network ACLs "
                                "decide it; list-functions gives each function's VPC "
                                "configuration.")),
        ),
        explanation=("The model needs the network's description only, and the commands that print "
                     "it are read-only."))


def _more_enis() -> Parts:
    return Parts(
        prompt=("The audit expects one Hyperplane ENI for a subnet and security-group pair, but "
                "the account has one more, for a pair no function uses today. Which explanation "
                "fits?"),
        choices=(
            Choice(text=("A published version, or a configuration just changed, still holds it"),
                   correct=True,
                   explanation=("A version keeps the configuration it was published with, and "
                                "an ENI of an old configuration is deleted some time after the "
                                "change.")),
            Choice(text="Each concurrent execution gets its own ENI",
                   misconception="Applied the pre-2019 formula",
                   explanation="Since 2019 executions share the pair's Hyperplane ENI."),
            Choice(text="Each function gets its own ENI",
                   misconception="Counted one ENI per function",
                   explanation="Functions with the same pair share one ENI."),
        ),
        explanation=("Hyperplane ENIs follow (subnet, security groups) pairs in use, published "
                     "versions included; an ENI outlives a change for a while."))


def _one_subnet_fails() -> Parts:
    inventory = load_inventory(sample_account())
    reports = next(f for f in inventory.functions if f.name == "reports")
    verdict = can_reach(inventory.vpcs[SAMPLE_VPC_ID], reports, "s3")
    failing = sum(not p.reachable for p in verdict.paths)
    return Parts(
        prompt=(f"In the sample account, `reports` reaches S3 from {len(verdict.paths) - failing} "
                f"of its {len(verdict.paths)} subnets. What do its users see?"),
        choices=(
            Choice(text="Some invocations fail, others work", correct=True,
                   explanation="Lambda may use any of a function's subnets for any invocation."),
            Choice(text="Every invocation works: Lambda picks the subnet that works",
                   misconception="Thought Lambda routes around a broken subnet",
                   explanation="Lambda does not test your routes; it uses every subnet you list."),
            Choice(text="Every invocation fails",
                   misconception="Thought one bad subnet breaks every invocation",
                   explanation=("Invocations placed on the subnet whose route table reaches S3 "
                                "succeed.")),
        ),
        explanation=("The failures are intermittent, which is what makes them hard to find: the "
                     "verdict checks each subnet for this reason."))


def _sample_enis(function_count: int) -> Parts:
    functions = load_inventory(sample_account()).functions[:function_count]
    names = ", ".join(f"`{f.name}`" for f in functions)
    return Parts(
        prompt=(f"In the sample account, how many Hyperplane ENIs does the model expect for "
                f"{names}, published versions included?"),
        answer=len(hyperplane_enis(functions, eni_quota=None)),
        explanation=("One per (subnet, security groups) pair in use, and a published version "
                     "with other security groups adds its own pairs."))


def _versions_ignored(function_count: int) -> int:
    functions = load_inventory(sample_account()).functions[:function_count]
    return len({(s, f.security_group_set) for f in functions for s in f.subnet_ids})


SAMPLE_ENIS = Question(
    id="sample-enis", kind="number", scenario=_sample_enis, unit="ENIs",
    variants=({"function_count": 3},),
    misconceptions=(
        Misconception(name="Counted one ENI per function",
                      explanation="Functions share the ENI of a pair; each pair takes one.",
                      predict=lambda function_count: function_count),
        Misconception(name="Left out the published versions",
                      explanation=("A published version keeps its own configuration, so its "
                                   "pairs keep their ENIs."),
                      predict=_versions_ignored),
    ))


#: The page's quiz.
QUIZ = Quiz(id="your-network", title="Your network", questions=(
    Question(id="what-the-reader-needs", kind="single", scenario=_what_the_reader_needs),
    Question(id="more-enis-than-expected", kind="single", scenario=_more_enis),
    Question(id="one-subnet-fails", kind="single", scenario=_one_subnet_fails),
    SAMPLE_ENIS,
))
