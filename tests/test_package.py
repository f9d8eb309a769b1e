"""The package as a whole: standard library only, a tidy public surface, sourced facts."""

from __future__ import annotations

import ast
import datetime
import importlib
import inspect
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import lambdanet_edu
from lambdanet_edu import FACTS, SIMPLIFICATIONS, SOURCES

PACKAGE = Path(lambdanet_edu.__file__).parent
# Every module, subpackages included ("exercises", "exercises.grading", ...).
MODULES = sorted(m.name.removeprefix("lambdanet_edu.")
                 for m in pkgutil.walk_packages(lambdanet_edu.__path__, "lambdanet_edu."))


def source(module: str) -> str:
    path = PACKAGE.joinpath(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    return path.read_text(encoding="utf-8")


def test_import_in_a_fresh_interpreter_loads_no_third_party_module() -> None:
    code = (
        "import json, sys; before = set(sys.modules); import lambdanet_edu, lambdanet_edu.cli; "
        "print(json.dumps(sorted(set(sys.modules) - before)))"
    )
    out = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True,
                         check=True, cwd=PACKAGE.parent)
    loaded = json.loads(out.stdout)
    third_party = sorted(
        {m.split(".")[0] for m in loaded} - set(sys.stdlib_module_names) - {"lambdanet_edu"})
    assert third_party == []
    assert "lambdanet_edu" in loaded


@pytest.mark.parametrize("module", MODULES)
def test_modules_import_only_the_standard_library(module: str) -> None:
    tree = ast.parse(source(module))
    for node in ast.walk(tree):
        names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                 else [node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0
                 else [])
        for name in names:
            top = name.split(".")[0]
            assert top in sys.stdlib_module_names or top == "lambdanet_edu", f"{module}: {name}"


@pytest.mark.parametrize("module", MODULES)
def test_every_module_declares_all_and_each_name_exists(module: str) -> None:
    mod = importlib.import_module(f"lambdanet_edu.{module}")
    assert isinstance(mod.__all__, list), module
    for name in mod.__all__:
        assert hasattr(mod, name), f"{module}.{name}"


def test_package_reexports_are_public_and_documented() -> None:
    for name in lambdanet_edu.__all__:
        obj = getattr(lambdanet_edu, name)
        if callable(obj):
            assert obj.__doc__ and obj.__doc__.strip(), name


@pytest.mark.parametrize("name", sorted(FACTS))
def test_every_fact_names_an_aws_source_and_a_check_date(name: str) -> None:
    fact = FACTS[name]
    assert fact.name == name
    assert fact.source is SOURCES[fact.source.key]
    assert re.fullmatch(r"https://(docs\.aws\.amazon\.com|aws\.amazon\.com|repost\.aws|github\.com/awsdocs)/\S+",
                        fact.source.url), fact.source.url
    assert datetime.date.fromisoformat(fact.checked) <= datetime.date.today()
    assert fact.statement.endswith(".")


def test_facts_are_not_retyped_elsewhere_in_the_package() -> None:
    """The distinctive numbers live in facts.py only: other modules import the constants."""
    distinctive = {str(f.value) for f in FACTS.values()
                   # 300 (SQS pollers added a minute) is also a round number exercises use.
                   if isinstance(f.value, int) and f.value >= 100
                   and f.value not in (100, 128, 300)}
    for module in MODULES:
        if module == "facts":
            continue
        code = source(module)
        body = ast.unparse(ast.parse(code))  # drops comments; docstrings remain, so strip them
        tree = ast.parse(body)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, int):
                assert str(node.value) not in distinctive, f"{module} types {node.value}"


def test_simplifications_are_named_and_worded() -> None:
    assert "one_ip_per_eni" in SIMPLIFICATIONS
    for key, item in SIMPLIFICATIONS.items():
        assert item.key == key and str(item) == item.text
        assert len(item.text) > 40 and item.text.endswith(".")


PUBLIC_MODULES = [m for m in MODULES if not m.rsplit(".", 1)[-1].startswith("_")]


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_every_public_function_and_class_has_a_doctest(module: str) -> None:
    mod = importlib.import_module(f"lambdanet_edu.{module}")
    lacking = [name for name in mod.__all__
               if (inspect.isfunction(obj := getattr(mod, name)) or inspect.isclass(obj))
               and obj.__module__ == mod.__name__ and ">>>" not in (obj.__doc__ or "")]
    assert lacking == [], f"{module}: add an Examples section to {lacking}"


# --- issue 16: the troubleshooting facts and names ---------------------------------------------


def test_troubleshooting_facts_name_their_aws_page_and_check_date() -> None:
    from lambdanet_edu.facts import FACTS

    names = ("failed_reason_codes", "vpc_execution_role_actions", "private_dns_vpc_attributes",
             "private_dns_only_for_inbound_resolver", "nat_max_addresses",
             "nat_eips_default_quota", "nat_idle_timeout_s")
    for name in names:
        fact = FACTS[name]
        assert fact.checked == "2026-12-07"
        assert fact.source.url.startswith("https://docs.aws.amazon.com/")
    assert FACTS["nat_idle_timeout_s"].value == 350
    assert FACTS["nat_max_addresses"].value == 8
    assert len(FACTS["vpc_execution_role_actions"].value) == 6


def test_the_scaling_period_says_one_thing_about_how_the_step_is_granted() -> None:
    """Further reading prints this statement; the scaling page says the refill is continuous."""
    from lambdanet_edu.facts import FACTS

    statement = FACTS["scaling_period_s"].statement
    assert "continuous" in statement and "best-attempt" in statement
    assert "granted once per" not in statement


def test_troubleshooting_names_are_exported() -> None:
    import lambdanet_edu as ln

    for name in ("CreateOutcome", "NatUsage", "create_function_state", "nat_connections"):
        assert name in ln.__all__ and hasattr(ln, name)
