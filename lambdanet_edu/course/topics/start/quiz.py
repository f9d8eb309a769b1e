"""The quiz for the start page: three questions on what you believe before the course.

Examples:
    >>> [q.id for q in QUIZ.questions]
    ['where-code-runs', 'what-takes-addresses', 'database-fan-out']
"""

from __future__ import annotations

from lambdanet_edu import db_connections
from lambdanet_edu.course.quizzes.format import Choice, Misconception, Parts, Question, Quiz
from lambdanet_edu.facts import MYSQL_DB_T3_MICRO_MAX_CONNECTIONS

__all__ = ["QUIZ"]


def _where_code_runs() -> Parts:
    return Parts(
        prompt="You attach a Lambda function to your VPC. Where does its code run?",
        choices=(
            Choice(text=("In a VPC that Lambda owns; a network interface in your subnet carries "
                         "its traffic into your VPC"), correct=True,
                   explanation="Attaching adds a way into your VPC; the code does not move."),
            Choice(text="On a server inside your subnet",
                   misconception="Thought the function runs inside your VPC",
                   explanation=("Every function runs in Lambda's own VPC. Yours gets a Hyperplane "
                                "ENI, which translates the function's connections into it.")),
            Choice(text="In your subnet, with a public IP when the subnet is public",
                   misconception="Thought a public subnet gives the function internet access",
                   explanation=("The ENI never gets a public IP, whatever the subnet's routes; "
                                "the way out is a NAT gateway.")),
        ),
        explanation=("Every function runs in a VPC that Lambda owns. Attaching it to yours gives "
                     "it Hyperplane ENIs in your subnets, through which its connections enter your "
                     "VPC."))


def _what_takes_addresses() -> Parts:
    return Parts(
        prompt="Today, what decides how many addresses Lambda takes in your subnets?",
        choices=(
            Choice(text="The subnet and security-group pairs your functions use", correct=True,
                   explanation="One Hyperplane ENI, so one address, per pair in your account."),
            Choice(text="The number of functions", misconception="Counted one IP per function",
                   explanation=("Functions with the same subnet and security groups share one "
                                "ENI, so adding them adds no address.")),
            Choice(text="Peak concurrency times memory",
                   misconception="Applied the pre-2019 formula",
                   explanation=("That was the rule before 2019, when ENIs followed execution "
                                "environments. AWS retired it.")),
            Choice(text="Nothing: Lambda takes no addresses in your subnets",
                   misconception="Thought Lambda leaves your subnets alone",
                   explanation=("Each Hyperplane ENI is a network interface in your subnet, with "
                                "a private address from it.")),
        ),
        explanation=("Lambda creates one Hyperplane ENI per subnet and security-group set in use "
                     "in your account, and each takes one address. Concurrency adds none."))


def _fan_out(concurrency: int) -> Parts:
    refused = db_connections(concurrency, max_connections=MYSQL_DB_T3_MICRO_MAX_CONNECTIONS).refused
    return Parts(
        prompt=(f"A function reaches {concurrency:,} concurrent executions, and each execution "
                "environment opens one connection to a MySQL database on a `db.t3.micro`, which "
                f"allows {MYSQL_DB_T3_MICRO_MAX_CONNECTIONS} connections by default. How many "
                "environments are refused a connection?"),
        answer=refused,
        explanation=(f"Each environment holds its own connection, so {concurrency:,} are asked "
                     f"for and the database accepts {MYSQL_DB_T3_MICRO_MAX_CONNECTIONS}: "
                     f"{refused:,} are refused with 'Too many connections'."))


FAN_OUT = Question(
    id="database-fan-out", kind="number", scenario=_fan_out, unit="environments",
    variants=({"concurrency": 400}, {"concurrency": 900}, {"concurrency": 150}),
    misconceptions=(
        Misconception(
            name="Thought executions share connections",
            explanation=("Each execution environment runs one request at a time and opens its "
                         "own connections; nothing pools them unless you add RDS Proxy."),
            predict=lambda concurrency: 0),
    ))

#: The start page's quiz.
QUIZ = Quiz(id="start", title="Before you start", questions=(
    Question(id="where-code-runs", kind="single", scenario=_where_code_runs),
    Question(id="what-takes-addresses", kind="single", scenario=_what_takes_addresses),
    FAN_OUT,
))
