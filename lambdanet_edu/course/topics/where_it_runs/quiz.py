"""The quiz for "Where your function runs": what ``VpcConfig`` creates, states, the one-way door.

Examples:
    >>> [q.id for q in QUIZ.questions]
    ['enis-for-group-order', 'version-keeps-eni', 'invoke-after-events', 'who-can-connect',
     'eni-delete-minutes']
"""

from __future__ import annotations

from lambdanet_edu.course.quizzes.format import Choice, Misconception, Parts, Question, Quiz
from lambdanet_edu.enis import hyperplane_enis
from lambdanet_edu.facts import ENI_DELETE_MINUTES, INACTIVE_AFTER_IDLE_DAYS
from lambdanet_edu.functions import LambdaFunction, PublishedVersion
from lambdanet_edu.states import lifecycle

__all__ = ["QUIZ"]


def _subnets(count: int) -> tuple[str, ...]:
    return tuple(f"subnet-{letter}" for letter in "abcdefgh"[:count])


def _group_order_functions(subnets: int) -> list[LambdaFunction]:
    return [LambdaFunction("api", _subnets(subnets), ("sg-a", "sg-b")),
            LambdaFunction("worker", _subnets(subnets), ("sg-a", "sg-b")),
            LambdaFunction("report", _subnets(subnets), ("sg-b", "sg-a"))]


def _group_order(subnets: int) -> Parts:
    enis = hyperplane_enis(_group_order_functions(subnets))
    return Parts(
        prompt=(f"In one account, `api` and `worker` list the same {subnets} subnets with security "
                f"groups `[sg-a, sg-b]`; `report` lists the same subnets with `[sg-b, sg-a]`. How "
                "many Hyperplane ENIs does Lambda create?"),
        answer=len(enis),
        explanation=(f"One ENI per subnet and security-group set: the three functions use the same "
                     f"set in each of the {subnets} subnets, so {len(enis)} ENIs, all shared. The "
                     "model treats the groups as a set, so their order does not matter."))


GROUP_ORDER = Question(
    id="enis-for-group-order", kind="number", scenario=_group_order, unit="ENIs",
    variants=({"subnets": 2}, {"subnets": 4}, {"subnets": 5}),
    misconceptions=(
        Misconception(
            name="Counted one ENI per function",
            explanation="Functions with the same subnet and security groups share one ENI there.",
            predict=lambda subnets: len(_group_order_functions(subnets))),
        Misconception(
            name="Thought the order of security groups matters",
            explanation=("`[sg-a, sg-b]` and `[sg-b, sg-a]` are the same set of groups, so the "
                         "same ENI in each subnet."),
            predict=lambda subnets: 2 * subnets),
    ))


def _version_functions(subnets: int, *, versions: bool = True) -> list[LambdaFunction]:
    old = (PublishedVersion(1, _subnets(subnets), ("sg-app",)),) if versions else ()
    return [LambdaFunction("api", _subnets(subnets), ("sg-app", "sg-db"), published_versions=old)]


def _version(subnets: int) -> Parts:
    enis = hyperplane_enis(_version_functions(subnets))
    return Parts(
        prompt=(f"Function `api` lists {subnets} subnets with security groups `[sg-app, sg-db]`. "
                "Its published version 1 still has the older list `[sg-app]`. How many "
                "Hyperplane ENIs do they keep alive?"),
        answer=len(enis),
        explanation=(f"A published version keeps the VPC configuration it was published with. Two "
                     f"security-group sets in {subnets} subnets: {len(enis)} ENIs."))


VERSION = Question(
    id="version-keeps-eni", kind="number", scenario=_version, unit="ENIs",
    variants=({"subnets": 2}, {"subnets": 3}),
    misconceptions=(
        Misconception(
            name="Ignored the published versions",
            explanation=("A version with other security groups keeps its own ENI in each subnet, "
                         "until you delete the version."),
            predict=lambda subnets: len(hyperplane_enis(_version_functions(subnets,
                                                                           versions=False)))),
        Misconception(
            name="Counted one ENI per function",
            explanation="A function has an ENI in each subnet it lists, not one in all.",
            predict=lambda subnets: 1),
    ))

_STATE_BELIEFS = {
    "new": ("Thought a new VPC function is ready at once",
            "A new function stays Pending until Lambda has built its ENIs; invocations fail "
            "meanwhile."),
    "idle": ("Thought an idle function stays ready",
             f"After {INACTIVE_AFTER_IDLE_DAYS} idle days Lambda reclaims the ENIs: the function "
             "is Inactive, and the next invocation fails and sets it Pending again."),
    "almost": ("Thought any idle spell makes the function Inactive",
               f"Lambda reclaims ENIs only after {INACTIVE_AFTER_IDLE_DAYS} idle days; before "
               "that the function stays Active."),
}


def _invoke(story: str) -> Parts:
    events = {"new": ["create", "invoke"],
              "idle": ["create", "eni_ready", f"idle {INACTIVE_AFTER_IDLE_DAYS}", "invoke"],
              "almost": ["create", "eni_ready", f"idle {INACTIVE_AFTER_IDLE_DAYS - 1}", "invoke"],
              }[story]
    belief, why = _STATE_BELIEFS[story]
    result = lifecycle(events)[-1].invocation
    return Parts(
        prompt="What happens to the last invocation?",
        code=("import lambdanet_edu as ln\n\n"
              f"steps = ln.lifecycle({events!r})\n"
              "steps[-1].invocation\n"),
        choices=(
            Choice(text="`'succeeds'`", value="succeeds", misconception=belief,
                   explanation="" if result == "succeeds" else why),
            Choice(text="`'fails'`", value="fails", misconception=belief,
                   explanation="" if result == "fails" else why),
        ),
        explanation=lifecycle(events)[-1].explanation.replace("`", "'"))


INVOKE = Question(id="invoke-after-events", kind="predict", answer_input="single",
                  scenario=_invoke,
                  variants=({"story": "new"}, {"story": "idle"}, {"story": "almost"}))


def _who_can_connect() -> Parts:
    return Parts(
        prompt=("An EC2 instance in your VPC opens a TCP connection to the private address of a "
                "function's Hyperplane ENI. What happens?"),
        choices=(
            Choice(text="Nothing answers: the ENI only carries connections the function opens",
                   correct=True,
                   explanation="The ENI translates in one direction, from Lambda into your VPC."),
            Choice(text="The function receives it, if its security group allows it inbound",
                   misconception="Thought the function is a server in your VPC",
                   explanation=("Inbound rules cannot make the function reachable: nothing behind "
                                "the ENI accepts connections.")),
            Choice(text="It invokes the function",
                   misconception="Thought the ENI is a way to invoke the function",
                   explanation=("Invoking goes through the Lambda API, from your VPC as from "
                                "anywhere else.")),
        ),
        explanation=("A function attached to your VPC is never a server there: its ENI carries the "
                     "function's own connections, and their replies, only."))


def _delete_minutes() -> Parts:
    return Parts(
        prompt=("You remove the VPC configuration from the last function and version using a "
                "Hyperplane ENI. At most how many minutes does Lambda need to delete the ENI?"),
        answer=ENI_DELETE_MINUTES,
        explanation=(f"Lambda needs up to {ENI_DELETE_MINUTES} minutes, and it deletes an ENI "
                     "only once no function or published version uses it."))


DELETE = Question(
    id="eni-delete-minutes", kind="number", scenario=_delete_minutes, unit="minutes",
    misconceptions=(
        Misconception(
            name="Thought the ENI goes at once",
            explanation="Deleting an ENI takes Lambda a while, up to the time AWS states.",
            predict=lambda: 0),
    ))

#: The page's quiz.
QUIZ = Quiz(id="where-it-runs", title="Where your function runs", questions=(
    GROUP_ORDER, VERSION, INVOKE,
    Question(id="who-can-connect", kind="single", scenario=_who_can_connect),
    DELETE,
))
