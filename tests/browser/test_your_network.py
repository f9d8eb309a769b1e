"""The "Your network" page in a real browser: the learner's files are read by the page's Python,
shown as pictures and tables, and never sent anywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, expect

from lambdanet_edu.aws import load_inventory
from lambdanet_edu.errors import LambdaNetError
from tests.browser.conftest import PYTHON_TIMEOUT_MS, Watch
from tests.conftest import Served

pytestmark = pytest.mark.browser

DOCUMENTED = Path(__file__).parent.parent / "data" / "aws_documented"


def test_dropped_files_are_read_in_the_browser_and_sent_nowhere(
        site: Served, watched: tuple[Page, Watch], tmp_path: Path) -> None:
    page, watch = watched
    sent: list[Request] = []
    page.on("request", lambda r: sent.append(r) if r.method != "GET" or r.post_data else None)
    page.goto(site.url + "your-network/")
    files = sorted(DOCUMENTED.glob("*.json"))
    page.locator("#ln-your-network-files").set_input_files([str(f) for f in files])
    results = page.locator(".ln-your-network__results")
    vpc = results.locator('[data-vpc="vpc-0a60eb65b4EXAMPLE"]')
    expect(vpc).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(vpc.locator("figure svg")).to_be_visible()
    expect(vpc.locator("table").first).to_contain_text("subnet-0a1b2c3d4eEXAMPLE")
    expect(vpc).to_contain_text("route table rtb-0f1e2d3c4bEXAMPLE")
    expect(results.locator(".ln-your-network__warnings")).to_contain_text("pcx-0a1b2c3d4eEXAMPLE")
    # Nothing carried the files: no request with a body, none after Python had started
    # except this site's own files.
    assert sent == []
    assert not [u for u in watch.requests if "EXAMPLE" in u or "describe-" in u]

    # A bad file gets the command line's message, naming the file and the JSON path.
    routes = json.loads((DOCUMENTED / "describe-route-tables.json").read_text("utf-8"))
    routes["RouteTables"][0]["Routes"][2]["GatewayId"] = "igw-typo"
    broken = tmp_path / "describe-route-tables.json"
    broken.write_text(json.dumps(routes), "utf-8")
    sources = {f.name: json.loads(f.read_text("utf-8")) for f in files} | {broken.name: routes}
    with pytest.raises(LambdaNetError) as cli:
        load_inventory(sources)
    page.locator("#ln-your-network-files").set_input_files(
        [str(f) for f in files if f.name != broken.name] + [str(broken)])
    expect(page.locator(".ln-your-network > .ln-status-line")).to_have_text(
        str(cli.value), timeout=PYTHON_TIMEOUT_MS)


def test_the_sample_account_button(site: Served, watched: tuple[Page, Watch]) -> None:
    page, _ = watched
    page.goto(site.url + "your-network/")
    page.get_by_role("button", name="Try the sample account").click()
    vpc = page.locator('[data-vpc="vpc-0a1b2c3d4e5f60718"]')
    expect(vpc).to_be_visible(timeout=PYTHON_TIMEOUT_MS)
    expect(vpc).to_contain_text("reports")
