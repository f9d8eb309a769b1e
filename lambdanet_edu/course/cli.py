"""The ``lambdanet-edu`` program: the model's commands plus the course's ``quiz`` command.

Examples:
    >>> main(["quiz", "list"])
    start: Before you start (3 questions, 5 variants)
    where-it-runs: Where your function runs (5 questions, 10 variants)
    ip-addresses: IP addresses and subnets (6 questions, 17 variants)
    egress: Egress and your network (8 questions, 15 variants)
    scaling: Scaling and your database (9 questions, 19 variants)
    troubleshooting: When it does not work (5 questions, 13 variants)
    your-network: Your network (4 questions, 4 variants)
    0
    >>> main(["usable", "10.0.1.0/28"])  # the model's commands are all there
    10.0.1.0/28: 11 usable of 16 (AWS reserves 5)
    0
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from lambdanet_edu import cli
from lambdanet_edu.cli import CommandFailure

__all__ = ["add_quiz_command", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with the course's commands; return the exit status.

    Examples:
        >>> main(["quiz", "export", "--format", "pdf", "-o", "quiz.pdf"])  # one line on stderr
        2
    """
    return cli.main(argv, extend=add_quiz_command)


def add_quiz_command(commands: cli.Commands) -> None:
    """Add ``quiz list`` and ``quiz export`` to the model's commands.

    Examples:
        >>> import argparse
        >>> commands = argparse.ArgumentParser().add_subparsers()
        >>> add_quiz_command(commands)
        >>> sorted(commands.choices)
        ['quiz']
    """
    quiz = commands.add_parser("quiz", help="the course's quizzes: list them, export them")
    actions = quiz.add_subparsers(required=True, metavar="ACTION")
    actions.add_parser("list", help="each quiz's id, title and size").set_defaults(run=_list)
    export = actions.add_parser("export", help="write quizzes as QTI 2.1 (zip), Moodle XML or GIFT")
    export.add_argument("--format", required=True, dest="fmt", metavar="FORMAT",
                        help="qti, moodle or gift")
    export.add_argument("--quiz", action="extend", nargs="+", dest="quizzes", metavar="ID",
                        help="only these quizzes (default: all, in course order)")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="PATH",
                        help="the file to write")
    export.set_defaults(run=_export)


def _list(args: argparse.Namespace) -> int:
    from lambdanet_edu.course import QUIZZES

    for quiz in QUIZZES.values():
        items = sum(len(q.rendered) for q in quiz.questions)
        print(f"{quiz.id}: {quiz.title} ({len(quiz.questions)} questions, {items} variants)")
    return 0


def _export(args: argparse.Namespace) -> int:
    from lambdanet_edu.course import QUIZZES
    from lambdanet_edu.course.quizzes import compile_quiz
    from lambdanet_edu.course.quizzes.export import EXPORTERS, export

    if args.fmt not in EXPORTERS:
        raise CommandFailure(f"quiz export: --format must be one of {', '.join(EXPORTERS)}, "
                             f"got {args.fmt!r}")
    chosen = args.quizzes or list(QUIZZES)
    for quiz_id in chosen:
        if quiz_id not in QUIZZES:
            raise CommandFailure(f"quiz export: --quiz must be one of {', '.join(QUIZZES)}, "
                                 f"got {quiz_id!r}")
    data = export([compile_quiz(QUIZZES[q]) for q in dict.fromkeys(chosen)], args.fmt)
    try:
        args.output.write_bytes(data)
    except OSError as err:
        raise CommandFailure(f"cannot write {args.output}: {err.strerror or err}") from None
    print(f"wrote {args.output} ({args.fmt}, {len(data):,} bytes)")
    return 0
