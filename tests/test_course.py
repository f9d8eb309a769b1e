"""The course registry: every list of topics comes from ``TOPICS``, and it agrees with the site.

``mkdocs.yml``'s nav, the pages in ``docs/``, the notebooks in ``lessons/``, the exercises and
the quizzes are checked against the registry here, so a topic added or renamed in one place and
not the other fails these tests, not the build or a learner.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from lambdanet_edu import LambdaNetError
from lambdanet_edu.course import (
    EXERCISES,
    QUIZZES,
    TOPICS,
    Exercise,
    Topic,
    compiled_quizzes,
    exercise,
    page_value,
    quiz,
    topic,
    topic_of_exercise,
)
from lambdanet_edu.course.quizzes import Quiz

ROOT = Path(__file__).resolve().parent.parent


class _MkDocsLoader(yaml.SafeLoader):
    """A safe loader that also reads MkDocs' ``!ENV`` tag."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    # ``!ENV [NAME, default]`` or ``!ENV NAME``: the nav never depends on it, so no lookup.
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)[-1]
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_MkDocsLoader.add_constructor("!ENV", _env)


def _nav() -> list[Any]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    nav = config["nav"]
    assert isinstance(nav, list)
    return nav


def _nav_pages() -> list[tuple[str, str]]:
    """(title, page) for every single-page entry of the nav, in order."""
    return [next(iter(item.items())) for item in _nav()
            if isinstance(item, dict) and isinstance(next(iter(item.values())), str)]


def _nav_lessons() -> list[str]:
    (lessons,) = [item["Lessons"] for item in _nav()
                  if isinstance(item, dict) and "Lessons" in item]
    return list(lessons)


# --- the registry ------------------------------------------------------------------------------

def test_topics_are_in_course_order_with_their_fields() -> None:
    assert [(t.slug, t.name, t.title, t.page, t.lesson) for t in TOPICS] == [
        ("start", "start", "Start here", "index.md", None),
        ("where-it-runs", "where_it_runs", "Where your function runs", "where-it-runs.md",
         "lessons/01_where_it_runs.py"),
        ("ip-addresses", "ip_addresses", "IP addresses and subnets", "ip-addresses.md",
         "lessons/02_ip_addresses.py"),
        ("egress", "egress", "Egress and your network", "egress.md", "lessons/03_egress.py"),
        ("scaling", "scaling", "Scaling and your database", "scaling.md",
         "lessons/04_scaling.py"),
        ("troubleshooting", "troubleshooting", "When it does not work", "troubleshooting.md",
         "lessons/05_troubleshooting.py"),
        ("your-network", "your_network", "Your network", "your-network.md", None),
    ]
    assert all(isinstance(t, Topic) for t in TOPICS)
    assert [len(t.exercises) for t in TOPICS] == [0, 3, 2, 5, 4, 3, 1]  # issue 17 adds 2 + 1
    for t in TOPICS:
        assert all(isinstance(ex, Exercise) for ex in t.exercises)
        assert isinstance(t.quiz, Quiz) and t.quiz.id == t.slug
        assert t.values.__name__ == f"lambdanet_edu.course.topics.{t.name}.page"
        assert t.package == f"lambdanet_edu.course.topics.{t.name}"


def test_each_topic_is_declared_once_in_its_own_package() -> None:
    for t in TOPICS:
        assert importlib.import_module(t.package).TOPIC is t


@pytest.mark.parametrize("key", [t.slug for t in TOPICS] + [t.name for t in TOPICS])
def test_a_topic_is_found_by_slug_or_name(key: str) -> None:
    found = topic(key)
    assert key in (found.slug, found.name)


@pytest.mark.parametrize("key", ["Egress", "where-it-runs.md", "ip addresses", "", None, 3])
def test_an_unknown_topic_is_an_error_listing_the_topics(key: object) -> None:
    with pytest.raises(LambdaNetError, match=r"^topic must be a slug or name in TOPICS \(start, "):
        topic(key)  # type: ignore[arg-type]


@pytest.mark.parametrize(("changes", "message"), [
    ({"slug": "Egress"}, r"topic slug must be a slug"),
    ({"name": "egress-2"}, r"topic 'egress' name must be 'egress', got 'egress-2'"),
    ({"title": " "}, r"topic 'egress' title must be a non-empty string"),
    ({"page": "egress.html"}, r"topic 'egress' page must be a file under docs/"),
    ({"lesson": "03_egress.py"}, r"topic 'egress' lesson must be 'lessons/NN_<name>.py' or None"),
    ({"exercises": ["give-internet-access"]}, r"topic 'egress' exercises must be a tuple of "),
    ({"has_quiz": "yes"}, r"topic 'egress' has_quiz must be True or False"),
])
def test_a_bad_topic_declaration_fails_naming_the_field(changes: dict[str, object],
                                                         message: str) -> None:
    fields: dict[str, Any] = {"slug": "egress", "name": "egress", "title": "Egress",
                              "page": "egress.md", "lesson": "lessons/03_egress.py",
                              "exercises": ()}
    with pytest.raises(LambdaNetError, match=message):
        Topic(**(fields | changes))


# --- the registry agrees with mkdocs.yml, docs/ and lessons/ ----------------------------------

def test_the_nav_lists_the_topics_first_in_course_order_with_their_titles() -> None:
    pages = _nav_pages()
    assert pages[:len(TOPICS)] == [(t.title, t.page) for t in TOPICS], (
        "mkdocs.yml's nav and lambdanet_edu.course.TOPICS disagree: the topic pages come first, "
        "in course order, titled as their Topic says")
    others = {page for _, page in pages[len(TOPICS):]}
    assert not others & {t.page for t in TOPICS}, "a topic page is listed twice in the nav"


def test_the_nav_lists_every_lesson_in_topic_order() -> None:
    assert _nav_lessons() == [t.lesson for t in TOPICS if t.lesson is not None]


def test_topic_pages_and_lessons_exist_and_every_lesson_belongs_to_a_topic() -> None:
    for t in TOPICS:
        assert (ROOT / "docs" / t.page).is_file(), t.page
        if t.lesson is not None:
            assert (ROOT / t.lesson).is_file(), t.lesson
            assert Path(t.lesson).stem.split("_", 1)[1] == t.name, t.lesson
    on_disk = sorted(f"lessons/{p.name}" for p in (ROOT / "lessons").glob("*.py"))
    assert on_disk == sorted(t.lesson for t in TOPICS if t.lesson is not None)


def test_lessons_are_numbered_in_course_order() -> None:
    lessons = [t.lesson for t in TOPICS if t.lesson is not None]
    assert [Path(lesson).name[:2] for lesson in lessons] == [
        f"{n:02d}" for n in range(1, len(lessons) + 1)]


# --- exercises and quizzes through the registry -----------------------------------------------

def test_every_exercise_id_is_unique_and_found_through_the_registry() -> None:
    ids = [ex.id for t in TOPICS for ex in t.exercises]
    assert len(ids) == len(set(ids))
    assert list(EXERCISES) == ids
    for t in TOPICS:
        for ex in t.exercises:
            assert exercise(ex.id) is ex
            assert topic_of_exercise(ex.id) is t


def test_every_quiz_id_is_unique_and_found_through_the_registry() -> None:
    ids = [t.quiz.id for t in TOPICS if t.quiz is not None]
    assert len(ids) == len(set(ids)) == len(QUIZZES)
    assert list(QUIZZES) == ids == [t.slug for t in TOPICS]
    for t in TOPICS:
        assert quiz(t.slug) is t.quiz
    assert [q["id"] for q in compiled_quizzes()] == ids


def test_question_ids_are_unique_within_each_quiz() -> None:
    for q in QUIZZES.values():
        question_ids = [question.id for question in q.questions]
        assert len(question_ids) == len(set(question_ids)), q.id


@pytest.mark.parametrize("exercise_id", ["no-such-exercise", "", None])
def test_an_unknown_exercise_is_an_error_naming_it(exercise_id: object) -> None:
    with pytest.raises(LambdaNetError, match=r"^exercise id must be one of the ids in EXERCISES"):
        topic_of_exercise(exercise_id)  # type: ignore[arg-type]


# --- page values -------------------------------------------------------------------------------

def test_every_page_value_is_found_by_topic_name() -> None:
    for t in TOPICS:
        for name in t.values.__all__:
            assert page_value(f"{t.name}.{name}") is getattr(t.values, name)


@pytest.mark.parametrize(("name", "message"), [
    ("ip_addresses.no_such_table", r"^page value 'ip_addresses\.no_such_table' must be a function "
                                   r"in the __all__ of lambdanet_edu/course/topics/ip_addresses/"
                                   r"page\.py, got no such function$"),
    ("ip_addresses.MB_PER_GB", r"^page value 'ip_addresses\.MB_PER_GB' must be a function"),
    ("ip-addresses.prefix_table", r"^page value must be '<topic>\.<function>' with <topic> one "
                                  r"of start, where_it_runs, ip_addresses, egress, scaling, "
                                  r"troubleshooting, your_network, "
                                  r"got 'ip-addresses\.prefix_table'$"),
    ("nowhere.table", r"^page value must be '<topic>\.<function>'.*got 'nowhere\.table'$"),
    ("prefix_table", r"^page value must be .*got 'prefix_table'$"),
    ("ip_addresses.", r"^page value must be .*got 'ip_addresses\.'$"),
])
def test_an_unknown_page_value_is_an_error_naming_it(name: str, message: str) -> None:
    with pytest.raises(LambdaNetError, match=message):
        page_value(name)


# --- the model stays apart from the course -----------------------------------------------------

def test_the_model_never_imports_the_course() -> None:
    code = ("import json, sys\nimport lambdanet_edu, lambdanet_edu.cli, lambdanet_edu.pictures\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('lambdanet_edu'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    loaded = json.loads(done.stdout)
    assert "lambdanet_edu" in loaded
    assert [m for m in loaded if m == "lambdanet_edu.course" or m.startswith(
        "lambdanet_edu.course.")] == []


def test_grading_loads_no_quiz_and_no_page() -> None:
    # The browser's worker imports the course to grade; quizzes and pictures load on first use.
    code = ("import json, sys\nfrom lambdanet_edu.course import grade_json\n"
            "grade_json('eni-count', 'x = 1')\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith('lambdanet_edu'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, cwd=ROOT)
    loaded = json.loads(done.stdout)
    assert [m for m in loaded if m.endswith((".quiz", ".page"))] == []
